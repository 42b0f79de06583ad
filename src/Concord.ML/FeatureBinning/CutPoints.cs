namespace Concord.ML.FeatureBinning;

/// <summary>
/// Cut points of one column from its non-missing values, computed by the party that holds the column and by nobody
/// else. Bin i holds Cuts[i − 1] &lt; x ≤ Cuts[i]; the cuts are distinct, ascending, and below the column's max, so
/// no bin is empty by construction (a repeated quantile merges two bins instead).
/// </summary>
public static class CutPoints
{
    /// <summary>
    /// Equal-frequency cuts by exact quantiles, the inverted empirical CDF (numpy's "inverted_cdf", Hyndman–Fan type 1):
    /// the j-th of k − 1 cuts is the smallest value v with at least ⌈j·n/k⌉ of the n sorted values ≤ v, i.e.
    /// sorted[⌈j·n/k⌉ − 1]. It picks data values only, so it is exact and deterministic (no interpolation).
    /// </summary>
    public static double[] Quantile(double[] sorted, int bins)
    {
        var n = (long)sorted.Length;
        var cuts = new List<double>(bins - 1);
        for (var j = 1; j < bins; j++)
        {
            var rank = ((j * n) + bins - 1) / bins;
            Add(cuts, sorted[rank - 1], sorted[^1]);
        }
        return [.. cuts];
    }

    /// <summary>Equal-width cuts: min + (max − min)·j / k for j = 1 … k − 1, in that order of operations.</summary>
    public static double[] Bucket(double min, double max, int bins)
    {
        var cuts = new List<double>(bins - 1);
        for (var j = 1; j < bins; j++)
        {
            Add(cuts, min + ((max - min) * j / bins), max);
        }
        return [.. cuts];
    }

    /// <summary>The column's non-missing values, sorted ascending.</summary>
    public static double[] SortedValues(ReadOnlySpan<double> column)
    {
        var values = new List<double>(column.Length);
        foreach (var x in column)
        {
            if (!double.IsNaN(x))
            {
                values.Add(x);
            }
        }
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted;
    }

    private static void Add(List<double> cuts, double cut, double max)
    {
        if (cut < max && (cuts.Count == 0 || cut > cuts[^1]))
        {
            cuts.Add(cut);
        }
    }
}
