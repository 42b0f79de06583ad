using Concord.ML.Statistics;

namespace Concord.Cli.Demo;

/// <summary>
/// Federated against plaintext, with stated tolerances: counts and extremes exact; mean and variance within
/// 1e-9 relative to max(|plaintext|, 1). Values enter the secure sums at 2^-32 resolution, so a mean near zero
/// is exact only to about 1e-10 absolute, and plain relative error would be meaningless there.
/// </summary>
internal static class DemoComparison
{
    public const double RelativeTolerance = 1e-9;

    public static double RelativeError(double? federated, double? plaintext) =>
        federated is double f && plaintext is double p
            ? Math.Abs(f - p) / Math.Max(Math.Abs(p), 1.0)
            : federated is null && plaintext is null ? 0 : double.PositiveInfinity;

    public static double WorstRelativeError(StatisticsResult federated, StatisticsResult plaintext) =>
        plaintext.Columns.Max(p =>
        {
            var f = federated[p.Name];
            return Math.Max(RelativeError(f.Mean, p.Mean), RelativeError(f.Variance, p.Variance));
        });

    public static bool ExactCountsAndExtremes(StatisticsResult federated, StatisticsResult plaintext) =>
        plaintext.Columns.All(p =>
        {
            var f = federated[p.Name];
            return f.Count == p.Count && f.Missing == p.Missing && Equals(f.Min, p.Min) && Equals(f.Max, p.Max);
        });

    public static bool Agrees(StatisticsResult federated, StatisticsResult plaintext) =>
        federated.Columns.Count == plaintext.Columns.Count
        && ExactCountsAndExtremes(federated, plaintext)
        && WorstRelativeError(federated, plaintext) <= RelativeTolerance;
}
