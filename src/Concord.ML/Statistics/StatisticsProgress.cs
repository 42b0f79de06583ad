using Concord.ML.Runtime;

namespace Concord.ML.Statistics;

/// <summary>
/// The guest's state between bisection rounds: the aggregated moments and the search bounds, checkpointed by the
/// rounds loop. Hosts keep no state between rounds, so their checkpoints only mark how far they got.
/// </summary>
internal sealed class StatisticsProgress(int columns) : IResumable
{
    public UInt128[] Moments { get; set; } = [];

    public ExtremeSearch Search { get; private set; } = new(columns);

    public byte[] Save()
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(Moments.Length);
            foreach (var moment in Moments)
            {
                writer.Write((ulong)(moment >> 64));
                writer.Write((ulong)moment);
            }
            Search.Write(writer);
        }
        return buffer.ToArray();
    }

    public void Restore(byte[] saved)
    {
        using var reader = new BinaryReader(new MemoryStream(saved));
        var moments = new UInt128[reader.ReadInt32()];
        for (var i = 0; i < moments.Length; i++)
        {
            var high = reader.ReadUInt64();
            moments[i] = new UInt128(high, reader.ReadUInt64());
        }
        (Moments, Search) = (moments, ExtremeSearch.Read(reader));
    }
}
