namespace Concord.ML.Tests.Correlation;

/// <summary>The textbook formulas on the joined table, written apart from the protocol's z-scores: what the protocol is checked against.</summary>
internal static class PlaintextCorrelation
{
    /// <summary>Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²).</summary>
    public static double Pearson(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var mx = x.Average();
        var my = y.Average();
        double sxy = 0, sxx = 0, syy = 0;
        for (var i = 0; i < x.Count; i++)
        {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.Sqrt(sxx * syy);
    }

    /// <summary>Pearson on ranks, where a tied value's rank is the mean of 1-based positions of all equal values in the sorted column.</summary>
    public static double Spearman(IReadOnlyList<double> x, IReadOnlyList<double> y) => Pearson(Ranks(x), Ranks(y));

    public static double[] Ranks(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        return [.. values.Select(v =>
        {
            var first = Array.IndexOf(sorted, v) + 1;
            var last = Array.LastIndexOf(sorted, v) + 1;
            return (first + last) / 2.0;
        })];
    }
}
