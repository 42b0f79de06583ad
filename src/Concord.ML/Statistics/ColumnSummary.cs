namespace Concord.ML.Statistics;

/// <summary>
/// FATE's summary statistics of one column, computed where the column lives. Variance and std are the sample ones
/// (n − 1), as in horizontal mode; skewness and kurtosis are the biased moment ratios m3/m2^1.5 and m4/m2² − 3 (FATE's
/// default, bias: true); quantiles interpolate linearly between order statistics; cv is std / mean. A statistic that
/// the values cannot give (no values; a zero mean for cv; no spread for skewness) is null.
/// </summary>
public sealed record ColumnSummary(
    string Name,
    long? Count,
    long? MissingCount,
    double? MissingRatio,
    double? Mean,
    double? Variance,
    double? Std,
    double? Min,
    double? Max,
    double? Q25,
    double? Median,
    double? Q75,
    double? Skewness,
    double? Kurtosis,
    double? Cv)
{
    /// <summary>The statistic names a job may ask for, as reveal_to_guest spells them.</summary>
    public static readonly IReadOnlyList<string> Statistics =
        ["count", "missing_count", "missing_ratio", "mean", "variance", "std", "min", "max", "q25", "median", "q75", "skewness", "kurtosis", "cv"];

    public static ColumnSummary Of(string name, ReadOnlySpan<double> column)
    {
        var values = column.ToArray().Where(x => !double.IsNaN(x)).Order().ToArray();
        var n = values.Length;
        var missing = column.Length - n;
        double? ratio = column.Length == 0 ? null : (double)missing / column.Length;
        if (n == 0)
        {
            return new ColumnSummary(name, 0, missing, ratio, null, null, null, null, null, null, null, null, null, null, null);
        }
        var mean = values.Sum() / n;
        double m2 = 0, m3 = 0, m4 = 0;
        foreach (var x in values)
        {
            var d = x - mean;
            m2 += d * d;
            m3 += d * d * d;
            m4 += d * d * d * d;
        }
        m2 /= n;
        m3 /= n;
        m4 /= n;
        double? variance = n > 1 ? m2 * n / (n - 1) : null;
        var std = variance is double v ? Math.Sqrt(v) : (double?)null;
        double? skewness = m2 > 0 ? m3 / Math.Pow(m2, 1.5) : null;
        double? kurtosis = m2 > 0 ? (m4 / (m2 * m2)) - 3 : null;
        double? cv = std is double s && mean != 0 ? s / mean : null;
        return new ColumnSummary(name, n, missing, ratio, mean, variance, std, values[0], values[^1],
            Quantile(values, 0.25), Quantile(values, 0.5), Quantile(values, 0.75), skewness, kurtosis, cv);
    }

    /// <summary>The q-quantile of sorted values, interpolating between the two order statistics around position q·(n − 1).</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var position = q * (sorted.Length - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, sorted.Length - 1);
        return sorted[below] + ((position - below) * (sorted[above] - sorted[below]));
    }

    /// <summary>The same summary under another name with only the <paramref name="asked"/> statistics kept: what a host may send.</summary>
    public ColumnSummary Only(IReadOnlyCollection<string> asked, string name) => new(
        name,
        asked.Contains("count") ? Count : null,
        asked.Contains("missing_count") ? MissingCount : null,
        asked.Contains("missing_ratio") ? MissingRatio : null,
        asked.Contains("mean") ? Mean : null,
        asked.Contains("variance") ? Variance : null,
        asked.Contains("std") ? Std : null,
        asked.Contains("min") ? Min : null,
        asked.Contains("max") ? Max : null,
        asked.Contains("q25") ? Q25 : null,
        asked.Contains("median") ? Median : null,
        asked.Contains("q75") ? Q75 : null,
        asked.Contains("skewness") ? Skewness : null,
        asked.Contains("kurtosis") ? Kurtosis : null,
        asked.Contains("cv") ? Cv : null);
}
