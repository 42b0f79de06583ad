using Concord.Crypto.Profiling;

namespace Concord.ML.SecureBoost;

/// <summary>How a host answers the guest's prediction query, in training (validation, warm start) and in a predict job alike.</summary>
internal static class HostDirections
{
    /// <summary>One bit per (split id, row) of the query: whether the row of <paramref name="columns"/> goes left.</summary>
    /// <param name="columns">The rows asked about, in the column order the splits' feature indices refer to.</param>
    public static byte[] Answer(IReadOnlyDictionary<long, HostSplit> splits, HostCommand query, NumericColumns columns)
    {
        using var timing = PhaseTimer.Start(Phase.Partition);
        var ids = query.SplitIds ?? [];
        var rows = query.Rows ?? [];
        if (ids.Length != rows.Length)
        {
            throw new InvalidDataException($"a prediction query names {ids.Length} splits for {rows.Length} rows");
        }
        var left = new bool[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            if (!splits.TryGetValue(ids[i], out var split))
            {
                throw new InvalidDataException($"the guest asked about split {ids[i]}, which this host never made");
            }
            if ((uint)rows[i] >= (uint)columns.RowCount)
            {
                throw new InvalidDataException($"the guest asked about row {rows[i]} of {columns.RowCount}");
            }
            left[i] = split.GoesLeft(columns[split.FeatureIndex][rows[i]]);
        }
        return BitMask.Pack(left);
    }
}
