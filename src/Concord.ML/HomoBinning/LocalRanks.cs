using Concord.ML.Statistics;

namespace Concord.ML.HomoBinning;

/// <summary>
/// One party's present values per column as sorted keys, kept at home, and its answers to the guest's probes: how
/// many of its values lie at or below each. The answers are masked before they leave.
/// </summary>
internal sealed class LocalRanks
{
    private readonly ulong[][] _sorted;

    private LocalRanks(ulong[][] sorted) => _sorted = sorted;

    public static LocalRanks Of(NumericColumns columns) =>
        new([.. Enumerable.Range(0, columns.ColumnCount).Select(c =>
        {
            var keys = new List<ulong>();
            foreach (var x in columns[c])
            {
                if (!double.IsNaN(x))
                {
                    keys.Add(SortableDouble.ToKey(x));
                }
            }
            keys.Sort();
            return keys.ToArray();
        })]);

    /// <summary>Present values per column.</summary>
    public UInt128[] Counts() => [.. _sorted.Select(s => (UInt128)s.Length)];

    /// <summary>Per probe (column-major, <paramref name="perColumn"/> each), the count of own values at or below it.</summary>
    public UInt128[] AtOrBelow(ReadOnlySpan<ulong> probes, int perColumn)
    {
        if (probes.Length != _sorted.Length * perColumn)
        {
            throw new ArgumentException($"{probes.Length} probes for {_sorted.Length} columns of {perColumn} cuts", nameof(probes));
        }
        var answers = new UInt128[probes.Length];
        for (var i = 0; i < probes.Length; i++)
        {
            answers[i] = (UInt128)UpperBound(_sorted[i / perColumn], probes[i]);
        }
        return answers;
    }

    private static int UpperBound(ulong[] sorted, ulong probe)
    {
        var (lo, hi) = (0, sorted.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (sorted[mid] <= probe)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }
        return lo;
    }
}
