namespace Concord.ML.Stability;

/// <summary>
/// The population stability index of every column between an expected table (e.g. the training rows) and an actual
/// one (e.g. new rows), each party on its own columns, in plaintext: PSI = Σ_bins (a − e)·ln(a / e) over the share of
/// rows in each bin. Bins are cut at the expected column's quantiles; missing values form a bin of their own.
/// </summary>
/// <remarks>
/// Quantile edges are values of the expected column: the edge at q = i / bin_num is the ⌈q·n⌉-th smallest value, and
/// a bin holds the values above the previous edge up to and including its own (equal edges merge, so a column with few
/// distinct values has fewer bins). An empty bin on one side would make ln(a / e) infinite; as is usual in credit
/// scoring, its share counts as <see cref="EmptyShare"/> instead (a bin empty on both sides adds nothing).
/// </remarks>
public static class PopulationStability
{
    /// <summary>The share an empty bin counts as.</summary>
    public const double EmptyShare = 1e-4;

    /// <summary>PSI below this is stable.</summary>
    public const double Stable = 0.1;

    /// <summary>PSI above this is unstable; in between is a moderate shift.</summary>
    public const double Unstable = 0.25;

    public static StabilityReport Compute(NumericColumns expected, NumericColumns actual, StabilityOptions options)
    {
        var missing = expected.Names.FirstOrDefault(name => !actual.Names.Contains(name));
        if (missing is not null)
        {
            throw new ArgumentException($"column \"{missing}\" of the expected table is not in the actual table");
        }
        if (expected.RowCount == 0 || actual.RowCount == 0)
        {
            throw new ArgumentException($"the {(expected.RowCount == 0 ? "expected" : "actual")} table has no rows");
        }
        var aligned = actual.Select(expected.Names);
        var columns = expected.Names.Select((name, c) => Column(name, expected[c], aligned[c], options.BinNum)).ToArray();
        return new StabilityReport(columns,
            columns.Count(c => c.Flag == StabilityFlag.Stable),
            columns.Count(c => c.Flag == StabilityFlag.Moderate),
            columns.Count(c => c.Flag == StabilityFlag.Unstable));
    }

    public static StabilityFlag Flag(double psi) => psi < Stable ? StabilityFlag.Stable : psi <= Unstable ? StabilityFlag.Moderate : StabilityFlag.Unstable;

    /// <summary>The upper edges of the bins: distinct quantiles of the non-missing expected values; the last bin is open above.</summary>
    public static double[] Edges(ReadOnlySpan<double> expected, int bins, string column)
    {
        var sorted = expected.ToArray().Where(x => !double.IsNaN(x)).Order().ToArray();
        if (sorted.Length == 0)
        {
            throw new ArgumentException($"column \"{column}\" has no values in the expected table, so it has no bins");
        }
        return [.. Enumerable.Range(1, bins - 1)
            .Select(i => sorted[Math.Max(0, (int)Math.Ceiling((double)i * sorted.Length / bins) - 1)])
            .Where(edge => edge < sorted[^1])
            .Distinct()];
    }

    private static ColumnStability Column(string name, ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, int bins)
    {
        var edges = Edges(expected, bins, name);
        var e = Counts(expected, edges);
        var a = Counts(actual, edges);
        var psi = 0.0;
        for (var b = 0; b < e.Length; b++)
        {
            if (e[b] == 0 && a[b] == 0)
            {
                continue;
            }
            var pe = e[b] == 0 ? EmptyShare : (double)e[b] / expected.Length;
            var pa = a[b] == 0 ? EmptyShare : (double)a[b] / actual.Length;
            psi += (pa - pe) * Math.Log(pa / pe);
        }
        return new ColumnStability(name, psi, Flag(psi), edges, e, a);
    }

    /// <summary>Rows per bin: one bin per edge (up to and including it), one above the last edge, and last the missing values.</summary>
    private static long[] Counts(ReadOnlySpan<double> values, double[] edges)
    {
        var counts = new long[edges.Length + 2];
        foreach (var x in values)
        {
            if (double.IsNaN(x))
            {
                counts[^1]++;
                continue;
            }
            var at = Array.BinarySearch(edges, x);
            counts[at >= 0 ? at : ~at]++;
        }
        return counts;
    }
}

public enum StabilityFlag
{
    Stable,
    Moderate,
    Unstable,
}

/// <param name="Edges">Upper edges of all bins but the last, which is open above.</param>
/// <param name="Expected">Expected rows per bin, the missing values last.</param>
/// <param name="Actual">Actual rows per bin, the missing values last.</param>
public sealed record ColumnStability(string Name, double Psi, StabilityFlag Flag, double[] Edges, long[] Expected, long[] Actual);

/// <summary>Every column's PSI, and how many columns are stable (below 0.1), moderate (0.1 to 0.25) and unstable.</summary>
public sealed record StabilityReport(ColumnStability[] Columns, int StableColumns, int ModerateColumns, int UnstableColumns);
