namespace Concord.ML.Statistics;

/// <summary>
/// The plaintext reference: the same statistics computed with all rows in one place, in double precision and two
/// passes. Tests and the demo's plaintext check compare the federated answer with it; a federated run never uses it.
/// </summary>
public static class LocalStatistics
{
    /// <summary>Statistics of the union of the rows of <paramref name="parts"/>, which must have the same columns.</summary>
    public static StatisticsResult Compute(params IReadOnlyList<NumericColumns> parts)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("no data to compute statistics of", nameof(parts));
        }
        var names = parts[0].Names;
        var aligned = parts.Select(p => p.Select(names)).ToList();
        return new StatisticsResult([.. names.Select((name, c) => Column(name, [.. aligned.Select(p => p[c].ToArray())]))]);
    }

    private static ColumnStatistics Column(string name, IReadOnlyList<double[]> pieces)
    {
        var values = pieces.SelectMany(v => v).Where(x => !double.IsNaN(x)).ToArray();
        var missing = pieces.Sum(p => p.Length) - values.Length;
        if (values.Length == 0)
        {
            return new ColumnStatistics(name, 0, missing, null, null, null, null, null);
        }
        var mean = values.Sum() / values.Length;
        double? variance = values.Length > 1 ? values.Sum(x => (x - mean) * (x - mean)) / (values.Length - 1) : null;
        double? sd = variance is double v ? Math.Sqrt(v) : null;
        return new ColumnStatistics(name, values.Length, missing, mean, variance, sd, values.Min(), values.Max());
    }
}
