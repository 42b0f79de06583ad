namespace Concord.ML.FeatureSelection;

/// <summary>One party's own columns through its local filters: which survive and, for the others, the filter that dropped each.</summary>
public sealed record LocalSelection(IReadOnlyList<string> Kept, IReadOnlyDictionary<string, string> DroppedBy);

/// <summary>
/// The statistic filters each party runs on its own columns, and nothing leaves the party: missing ratio, sample
/// variance (n − 1), distinct values and coefficient of variation, each over the column's present values.
/// </summary>
public static class ColumnFilters
{
    /// <summary>Runs manual drop, the statistic filters and the IV verdict on this party's columns in that order; keep_col adds back.</summary>
    /// <param name="ivDropped">The columns the guest's IV filters dropped, with the filter; empty when none applies.</param>
    public static LocalSelection Apply(IReadOnlyList<string> names, Func<int, double[]> column, SelectionOptions options, IReadOnlyDictionary<string, string> ivDropped)
    {
        foreach (var unknown in options.KeepCol.Concat(options.FilterOutCol).Where(n => !names.Contains(n)))
        {
            throw new ArgumentException($"hetero_feature_selection: column \"{unknown}\" is not in the table (it has {string.Join(", ", names.Take(10))}{(names.Count > 10 ? ", ..." : "")})");
        }
        if (options.KeepCol.FirstOrDefault(options.FilterOutCol.Contains) is string both)
        {
            throw new ArgumentException($"hetero_feature_selection: column \"{both}\" is in both keep_col and filter_out_col");
        }
        var dropped = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var j = 0; j < names.Count; j++)
        {
            if (FirstFailing(names[j], column(j), options, ivDropped) is string filter)
            {
                dropped[names[j]] = filter;
            }
        }
        foreach (var name in options.KeepCol)
        {
            dropped.Remove(name);
        }
        return new LocalSelection([.. names.Where(n => !dropped.ContainsKey(n))], dropped);
    }

    /// <summary>The latest filter (in the order they run) that dropped a column: the one to blame when none is left.</summary>
    public static string Blame(LocalSelection selection) => Order.LastOrDefault(selection.DroppedBy.Values.Contains) ?? "the input (it has no feature column)";

    private static readonly string[] Order = ["filter_out_col", "missing_ratio_max", "variance_min", "unique_count_min", "coefficient_of_variation_min", IvFilter.Threshold, IvFilter.TopK];

    private static string? FirstFailing(string name, double[] values, SelectionOptions o, IReadOnlyDictionary<string, string> ivDropped)
    {
        if (o.FilterOutCol.Contains(name))
        {
            return "filter_out_col";
        }
        var present = values.Where(v => !double.IsNaN(v)).ToArray();
        var missingRatio = values.Length == 0 ? 0 : 1 - ((double)present.Length / values.Length);
        if (o.MissingRatioMax is double maxMissing && missingRatio > maxMissing)
        {
            return "missing_ratio_max";
        }
        var mean = present.Length == 0 ? double.NaN : present.Average();
        var variance = present.Length < 2 ? 0 : present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1);
        if (o.VarianceMin is double minVariance && variance < minVariance)
        {
            return "variance_min";
        }
        if (o.UniqueCountMin is int minUnique && present.Distinct().Count() < minUnique)
        {
            return "unique_count_min";
        }
        var cv = mean == 0 ? double.PositiveInfinity : Math.Sqrt(variance) / Math.Abs(mean);
        if (o.CoefficientOfVariationMin is double minCv && !(cv >= minCv))
        {
            return "coefficient_of_variation_min";
        }
        return ivDropped.GetValueOrDefault(name);
    }
}
