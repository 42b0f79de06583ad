namespace Concord.Data;

/// <summary>A summary of one column, for showing a table to a person and for sanity checks.</summary>
/// <param name="Count">All rows, missing or not.</param>
/// <param name="StdDev">The population standard deviation of the present values.</param>
/// <param name="Distinct">The distinct values with their counts, ascending, when there are at most
/// <see cref="MaxDistinct"/> of them (a class label, a flag); otherwise null.</param>
public sealed record ColumnStats(
    int Count, int Missing, double Min, double Max, double Mean, double StdDev,
    IReadOnlyList<KeyValuePair<double, int>>? Distinct)
{
    public const int MaxDistinct = 20;

    public static ColumnStats Of(ReadOnlySpan<double> values)
    {
        int present = 0;
        double min = double.NaN, max = double.NaN;
        // Welford's update keeps the variance accurate where a sum of squares would cancel.
        double mean = 0, m2 = 0;
        Dictionary<double, int>? counts = [];
        foreach (var v in values)
        {
            if (double.IsNaN(v))
            {
                continue;
            }
            present++;
            min = present == 1 ? v : Math.Min(min, v);
            max = present == 1 ? v : Math.Max(max, v);
            var delta = v - mean;
            mean += delta / present;
            m2 += delta * (v - mean);
            if (counts is not null)
            {
                counts[v] = counts.GetValueOrDefault(v) + 1;
                counts = counts.Count > MaxDistinct ? null : counts;
            }
        }
        var distinct = counts?.OrderBy(kv => kv.Key).ToList();
        return present == 0
            ? new ColumnStats(values.Length, values.Length, double.NaN, double.NaN, double.NaN, double.NaN, distinct)
            : new ColumnStats(values.Length, values.Length - present, min, max, mean, Math.Sqrt(m2 / present), distinct);
    }
}
