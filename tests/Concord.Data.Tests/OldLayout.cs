using System.Runtime.InteropServices;
using System.Text;

namespace Concord.Data.Tests;

/// <summary>
/// Writes a partition as stores did before Parquet: a folder with ids.bin (a count, then BinaryWriter strings),
/// label.f64, weight.f64 and f00000.f64... (raw little-endian doubles). Written here independently of the
/// store's reader, so that the test of reading old tables checks the reader against the format, not itself.
/// </summary>
internal static class OldLayout
{
    public static void Write(string folder, PartyTable table, int first, int count)
    {
        Directory.CreateDirectory(folder);
        using (var writer = new BinaryWriter(File.Create(Path.Combine(folder, "ids.bin")), Encoding.UTF8))
        {
            writer.Write(count);
            foreach (var id in table.Ids.Skip(first).Take(count))
            {
                writer.Write(id);
            }
        }
        void Doubles(string file, ReadOnlySpan<double> values) =>
            File.WriteAllBytes(Path.Combine(folder, file), MemoryMarshal.AsBytes(values.Slice(first, count)).ToArray());
        if (table.Labels is { } labels)
        {
            Doubles("label.f64", labels);
        }
        if (table.Weights is { } weights)
        {
            Doubles("weight.f64", weights);
        }
        for (var j = 0; j < table.FeatureCount; j++)
        {
            Doubles($"f{j:D5}.f64", table.Column(j));
        }
    }
}
