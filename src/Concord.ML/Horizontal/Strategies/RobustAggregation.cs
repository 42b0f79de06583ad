namespace Concord.ML.Horizontal.Strategies;

/// <summary>The robust rules over the clients' changes, each as Flower's <c>aggregate.py</c> computes it.</summary>
public static class RobustAggregation
{
    /// <summary>Applies <paramref name="rule"/> to every coordinate's sorted values across the clients.</summary>
    public static double[] CoordinateWise(int parameters, double[][] changes, Func<double[], double> rule)
    {
        var result = new double[parameters];
        var column = new double[changes.Length];
        for (var j = 0; j < parameters; j++)
        {
            for (var i = 0; i < changes.Length; i++)
            {
                column[i] = changes[i][j];
            }
            Array.Sort(column);
            result[j] = rule(column);
        }
        return result;
    }

    public static double Median(double[] sorted)
    {
        var half = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[half] : (sorted[half - 1] + sorted[half]) / 2;
    }

    /// <summary>The mean of the sorted values without ⌊β·n⌋ from each end.</summary>
    public static double TrimmedMean(double[] sorted, double fraction)
    {
        var cut = (int)(fraction * sorted.Length);
        if (2 * cut >= sorted.Length)
        {
            throw new ArgumentException($"trimming {fraction} from each end of {sorted.Length} updates leaves none");
        }
        return sorted.AsSpan(cut, sorted.Length - (2 * cut)).ToArray().Average();
    }

    /// <summary>
    /// The <paramref name="keep"/> changes with the lowest Krum score: the sum of squared distances to the
    /// max(1, n − f − 2) nearest other changes.
    /// </summary>
    public static int[] KrumChoice(double[][] changes, int malicious, int keep)
    {
        var n = changes.Length;
        var nearest = Math.Max(1, n - malicious - 2);
        var scores = new double[n];
        for (var i = 0; i < n; i++)
        {
            var distances = Enumerable.Range(0, n).Where(k => k != i).Select(k => SquaredDistance(changes[i], changes[k])).Order();
            scores[i] = distances.Take(nearest).Sum();
        }
        return [.. Enumerable.Range(0, n).OrderBy(i => scores[i]).ThenBy(i => i).Take(Math.Min(keep, n))];
    }

    private static double SquaredDistance(double[] a, double[] b)
    {
        var sum = 0.0;
        for (var j = 0; j < a.Length; j++)
        {
            var d = a[j] - b[j];
            sum += d * d;
        }
        return sum;
    }
}
