namespace Concord.ML.Scorecard;

/// <summary>One equal-width score band [From, To) (the last band includes To), with its bad rate when labels are known.</summary>
public sealed record ScoreBand(double From, double To, int Count, int? Bad, double? BadRate);

/// <summary>
/// How the scores are spread: mean, quantiles by linear interpolation between order statistics (numpy's default),
/// and equal-width bands over [min, max]. A row is bad when its label is 1, the class whose probability was scored.
/// </summary>
public sealed record ScoreDistribution(int Count, double Mean, double Min, double Max, IReadOnlyDictionary<string, double> Quantiles, IReadOnlyList<ScoreBand> Bands)
{
    private static readonly (string Name, double Q)[] Reported = [("q05", 0.05), ("q25", 0.25), ("median", 0.5), ("q75", 0.75), ("q95", 0.95)];

    public static ScoreDistribution Of(IReadOnlyList<double> scores, IReadOnlyList<double>? labels, int bands)
    {
        if (scores.Count == 0)
        {
            throw new ArgumentException("there are no scores to describe");
        }
        var sorted = scores.Order().ToArray();
        var (min, max) = (sorted[0], sorted[^1]);
        var width = (max - min) / bands;
        var counts = new int[bands];
        var bad = new int[bands];
        for (var i = 0; i < scores.Count; i++)
        {
            var b = width > 0 ? Math.Min((int)((scores[i] - min) / width), bands - 1) : 0;
            counts[b]++;
            bad[b] += labels is not null && labels[i] == 1 ? 1 : 0;
        }
        var report = Enumerable.Range(0, bands).Select(b => new ScoreBand(
            min + (b * width), b == bands - 1 ? max : min + ((b + 1) * width), counts[b],
            labels is null ? null : bad[b],
            labels is null || counts[b] == 0 ? null : (double)bad[b] / counts[b])).ToList();
        var quantiles = Reported.ToDictionary(r => r.Name, r => Quantile(sorted, r.Q));
        return new ScoreDistribution(sorted.Length, sorted.Average(), min, max, quantiles, report);
    }

    /// <summary>The q-quantile of sorted values, interpolating linearly between the two nearest order statistics.</summary>
    public static double Quantile(double[] sorted, double q)
    {
        var h = (sorted.Length - 1) * q;
        var lo = (int)Math.Floor(h);
        var hi = Math.Min(lo + 1, sorted.Length - 1);
        return sorted[lo] + ((h - lo) * (sorted[hi] - sorted[lo]));
    }
}
