namespace Concord.ML.Statistics;

/// <summary>
/// One party's per-column minimum and maximum, kept at home, and its 0/1 answers to the guest's probes: "I have a
/// value ≤ the min probe" and "I have a value ≥ the max probe". The answers are masked before they leave.
/// </summary>
internal sealed class LocalExtremes
{
    private readonly ulong[] _min;
    private readonly ulong[] _max;
    private readonly bool[] _hasValues;

    private LocalExtremes(ulong[] min, ulong[] max, bool[] hasValues)
    {
        _min = min;
        _max = max;
        _hasValues = hasValues;
    }

    /// <summary>Probes per round: a min probe per column, then a max probe per column.</summary>
    public int ProbeCount => 2 * _min.Length;

    public static LocalExtremes Of(NumericColumns columns)
    {
        var n = columns.ColumnCount;
        var (min, max, has) = (new ulong[n], new ulong[n], new bool[n]);
        for (var c = 0; c < n; c++)
        {
            (min[c], max[c]) = (ulong.MaxValue, ulong.MinValue);
            foreach (var x in columns[c])
            {
                if (double.IsNaN(x))
                {
                    continue;
                }
                var key = SortableDouble.ToKey(x);
                (min[c], max[c], has[c]) = (Math.Min(min[c], key), Math.Max(max[c], key), true);
            }
        }
        return new LocalExtremes(min, max, has);
    }

    public UInt128[] Answer(ReadOnlySpan<ulong> probes)
    {
        if (probes.Length != ProbeCount)
        {
            throw new ArgumentException($"{probes.Length} probes for {_min.Length} columns; expected {ProbeCount}", nameof(probes));
        }
        var columns = _min.Length;
        var answers = new UInt128[ProbeCount];
        for (var c = 0; c < columns; c++)
        {
            answers[c] = _hasValues[c] && _min[c] <= probes[c] ? 1u : 0u;
            answers[columns + c] = _hasValues[c] && _max[c] >= probes[columns + c] ? 1u : 0u;
        }
        return answers;
    }
}
