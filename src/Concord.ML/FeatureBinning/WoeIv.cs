namespace Concord.ML.FeatureBinning;

/// <summary>
/// FATE's weight of evidence and information value of one column's bins against one event (a binary label's 1, or one
/// class against the rest). For bin i with e_i events and n_i non-events out of E and N in all:
///   woe_i = ln((e_i / E) / (n_i / N)),  iv_i = (e_i / E − n_i / N) · woe_i,  IV = Σ iv_i,
/// and, as FATE does, a bin with no events or no non-events counts (e_i + 0.5) and (n_i + 0.5) instead
/// (adjustment factor 0.5), so its WOE stays finite. A missing bin that holds no rows is not a bin of the data: its
/// WOE is 0 (no evidence) and it adds nothing to IV.
/// </summary>
public static class WoeIv
{
    public const double AdjustmentFactor = 0.5;

    /// <param name="counts">Rows per bin; the last entry is the missing bin.</param>
    /// <param name="events">Events per bin, in the same layout.</param>
    public static (double[] Woe, double[] BinIv, double Iv) Of(ReadOnlySpan<long> counts, ReadOnlySpan<long> events, long eventTotal, long nonEventTotal)
    {
        var woe = new double[counts.Length];
        var binIv = new double[counts.Length];
        var iv = 0.0;
        for (var i = 0; i < counts.Length; i++)
        {
            if (i == counts.Length - 1 && counts[i] == 0)
            {
                continue;
            }
            double e = events[i], n = counts[i] - events[i];
            if (e == 0 || n == 0)
            {
                (e, n) = (e + AdjustmentFactor, n + AdjustmentFactor);
            }
            double eventRate = e / eventTotal, nonEventRate = n / nonEventTotal;
            woe[i] = Math.Log(eventRate / nonEventRate);
            binIv[i] = (eventRate - nonEventRate) * woe[i];
            iv += binIv[i];
        }
        return (woe, binIv, iv);
    }
}
