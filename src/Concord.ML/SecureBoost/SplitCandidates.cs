namespace Concord.ML.SecureBoost;

/// <summary>One way to split a node on a party's feature: bins ≤ <see cref="Bin"/> go left, missing values go left when <see cref="DefaultLeft"/>.</summary>
public readonly record struct CandidateSplit(int Feature, int Bin, bool DefaultLeft);

/// <summary>
/// The split candidates of one feature at one node, in the order every party enumerates them, so that the guest, the
/// hosts and the LocalBaseline weigh the same candidates and break ties alike: first missing-goes-right for each bin
/// ascending, then, when the node has missing values, missing-goes-left. A bin with no rows of the node is skipped
/// (its split would repeat the previous bin's), as is a split that leaves a child empty; so no two candidates of a
/// feature share a partition.
/// </summary>
internal static class SplitCandidates
{
    /// <param name="counts">Rows of the node per bin code; the missing code's count is at <paramref name="missingCode"/>.</param>
    public static void Enumerate(int feature, ReadOnlySpan<int> counts, int binCount, int missingCode, List<CandidateSplit> into)
    {
        var present = 0;
        for (var b = 0; b < binCount; b++)
        {
            present += counts[b];
        }
        var missing = counts[missingCode];
        var left = 0;
        for (var b = 0; b < binCount; b++)
        {
            left += counts[b];
            if (counts[b] > 0 && (present - left > 0 || missing > 0))
            {
                into.Add(new CandidateSplit(feature, b, DefaultLeft: false));
            }
        }
        if (missing == 0)
        {
            return;
        }
        left = 0;
        for (var b = 0; b < binCount; b++)
        {
            left += counts[b];
            if (counts[b] > 0 && present - left > 0)
            {
                into.Add(new CandidateSplit(feature, b, DefaultLeft: true));
            }
        }
    }
}
