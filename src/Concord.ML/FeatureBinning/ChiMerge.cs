namespace Concord.ML.FeatureBinning;

/// <summary>
/// Optimal binning by chi-merge (Kerber 1992), as FATE's optimal method does by default: start from fine quantile
/// bins and merge, again and again, the adjacent pair whose label distributions differ least (smallest chi-square,
/// the leftmost on a tie) until at most the wanted number of bins is left. Missing values are not merged: they keep
/// their own bin.
/// </summary>
public static class ChiMerge
{
    /// <param name="sorted">The column's non-missing values, ascending.</param>
    /// <param name="classOf">The label class (0 … classes − 1) of each value of <paramref name="sorted"/>.</param>
    public static double[] Cuts(double[] sorted, int[] classOf, int classes, int initialBins, int bins)
    {
        var cuts = CutPoints.Quantile(sorted, initialBins).ToList();
        var table = new List<long[]>();
        var bin = 0;
        table.Add(new long[classes]);
        for (var i = 0; i < sorted.Length; i++)
        {
            while (bin < cuts.Count && sorted[i] > cuts[bin])
            {
                bin++;
                table.Add(new long[classes]);
            }
            table[bin][classOf[i]]++;
        }
        while (table.Count <= cuts.Count)
        {
            table.Add(new long[classes]);
        }
        while (table.Count > bins)
        {
            var best = 0;
            var bestChi = double.PositiveInfinity;
            for (var b = 0; b + 1 < table.Count; b++)
            {
                var chi = ChiSquare(table[b], table[b + 1]);
                if (chi < bestChi)
                {
                    (best, bestChi) = (b, chi);
                }
            }
            for (var k = 0; k < classes; k++)
            {
                table[best][k] += table[best + 1][k];
            }
            table.RemoveAt(best + 1);
            cuts.RemoveAt(best);
        }
        return [.. cuts];
    }

    /// <summary>Pearson's chi-square of a 2 × classes table; a cell expected to hold nothing adds nothing.</summary>
    public static double ChiSquare(long[] a, long[] b)
    {
        double rowA = a.Sum(), rowB = b.Sum(), total = rowA + rowB;
        var chi = 0.0;
        for (var k = 0; k < a.Length; k++)
        {
            double column = a[k] + b[k];
            chi += Term(a[k], rowA * column / total) + Term(b[k], rowB * column / total);
        }
        return chi;
    }

    private static double Term(double observed, double expected) =>
        expected > 0 ? (observed - expected) * (observed - expected) / expected : 0;
}
