using System.Runtime.InteropServices;

namespace Concord.Data;

/// <summary>
/// Reads a partition in the layout stores used before Parquet: a folder with one file per column, each
/// value column its doubles as raw little-endian bytes, the ids a count followed by length-prefixed UTF-8
/// strings (BinaryWriter's encoding). Tables uploaded then stay readable; nothing writes this layout any more.
/// </summary>
internal static class LegacyPartition
{
    public const string IdsFile = "ids.bin";
    public const string LabelFile = "label.f64";
    public const string WeightFile = "weight.f64";

    public static string FolderName(int partition) => $"part-{partition:D5}";

    public static string FeatureFile(int feature) => $"f{feature:D5}.f64";

    public static void Read(string dir, PartitionInfo partition, TableColumns into)
    {
        var rows = new Range(partition.FirstRow, partition.FirstRow + partition.RowCount);
        ReadIds(Path.Combine(dir, IdsFile), into.Ids.AsSpan(rows));
        if (into.Labels is { } labels)
        {
            ReadDoubles(Path.Combine(dir, LabelFile), labels.AsSpan(rows));
        }
        if (into.Weights is { } weights)
        {
            ReadDoubles(Path.Combine(dir, WeightFile), weights.AsSpan(rows));
        }
        for (var j = 0; j < into.Features.Length; j++)
        {
            ReadDoubles(Path.Combine(dir, FeatureFile(j)), into.Features[j].AsSpan(rows));
        }
    }

    private static void ReadDoubles(string path, Span<double> destination)
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("table column files are little-endian and this machine is not");
        }
        using var handle = File.OpenHandle(path);
        var bytes = MemoryMarshal.AsBytes(destination);
        var length = RandomAccess.GetLength(handle);
        if (length != bytes.Length)
        {
            throw new InvalidDataException($"{path} has {length} bytes where {bytes.Length} were expected; the table is damaged");
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            offset += RandomAccess.Read(handle, bytes[offset..], offset);
        }
    }

    private static void ReadIds(string path, Span<string> destination)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(file, System.Text.Encoding.UTF8);
        var count = reader.ReadInt32();
        if (count != destination.Length)
        {
            throw new InvalidDataException($"{path} holds {count} ids where {destination.Length} were expected; the table is damaged");
        }
        for (var i = 0; i < count; i++)
        {
            destination[i] = reader.ReadString();
        }
    }
}
