using Concord.ML.FeatureBinning;

namespace Concord.ML.FeatureSelection;

/// <summary>
/// The guest's IV filters over every party's binned columns (its own by name, the hosts' by anonymous id): first
/// the threshold, then the top k of what is left by IV, ties in the binning summary's order. A column the binning
/// did not bin is not judged. A NaN IV fails the threshold and ranks last.
/// </summary>
public static class IvFilter
{
    public const string Threshold = "iv_threshold";
    public const string TopK = "iv_top_k";

    /// <summary>The dropped columns (name or anonymous id), each with the filter that dropped it.</summary>
    public static Dictionary<string, string> Drop(BinningSummary summary, SelectionOptions options)
    {
        var dropped = new Dictionary<string, string>(StringComparer.Ordinal);
        var left = new List<ColumnIv>();
        foreach (var column in summary.Columns)
        {
            if (options.IvThreshold is double threshold && !(column.Iv >= threshold))
            {
                dropped[column.Column] = Threshold;
            }
            else
            {
                left.Add(column);
            }
        }
        if (options.IvTopK is int k)
        {
            foreach (var column in left.OrderByDescending(c => double.IsNaN(c.Iv) ? double.NegativeInfinity : c.Iv).Skip(k))
            {
                dropped[column.Column] = TopK;
            }
        }
        return dropped;
    }
}
