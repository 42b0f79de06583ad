namespace Concord.ML.Statistics;

/// <summary>
/// The guest's state between bisection rounds: the aggregated moments and the search bounds. Hosts keep no
/// state between rounds, so their checkpoints are empty and only mark how far they got.
/// </summary>
internal static class StatisticsCheckpoint
{
    public static byte[] Encode(UInt128[] moments, ExtremeSearch search)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(moments.Length);
            foreach (var moment in moments)
            {
                writer.Write((ulong)(moment >> 64));
                writer.Write((ulong)moment);
            }
            search.Write(writer);
        }
        return buffer.ToArray();
    }

    public static (UInt128[] Moments, ExtremeSearch Search) Decode(byte[] state)
    {
        using var reader = new BinaryReader(new MemoryStream(state));
        var moments = new UInt128[reader.ReadInt32()];
        for (var i = 0; i < moments.Length; i++)
        {
            var high = reader.ReadUInt64();
            moments[i] = new UInt128(high, reader.ReadUInt64());
        }
        return (moments, ExtremeSearch.Read(reader));
    }

    /// <summary>Checkpoint after the moments (iteration 0) and after every <paramref name="every"/>-th round.</summary>
    public static bool IsDue(int roundsDone, int every) => every > 0 && roundsDone % every == 0;
}
