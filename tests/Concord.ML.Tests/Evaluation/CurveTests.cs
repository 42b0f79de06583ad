using Concord.ML.Evaluation;

namespace Concord.ML.Tests.Evaluation;

public class CurveTests
{
    private static Curve Line(int n) => new(
        [.. Enumerable.Range(0, n).Select(i => i / (n - 1.0))], [.. Enumerable.Range(0, n).Select(i => i * 2.0)], [.. Enumerable.Range(0, n).Select(i => (double)-i)]);

    [Fact]
    public void A_long_curve_is_thinned_to_the_bound_keeping_both_ends_and_the_point_asked_for()
    {
        var thin = Line(10_001).Thin(200, keep: 4_321);

        Assert.Equal(200, thin.Count);
        Assert.Equal((0.0, 0.0), (thin.X[0], thin.Y[0]));
        Assert.Equal((1.0, 20_000.0), (thin.X[^1], thin.Y[^1]));
        Assert.Contains(-4_321.0, thin.Thresholds);
        // Points stay in order and keep their own coordinates.
        Assert.True(thin.Thresholds.Zip(thin.Thresholds.Skip(1), (a, b) => a > b).All(ok => ok));
        Assert.All(thin.Thresholds, (t, i) => Assert.Equal(-2 * t, thin.Y[i]));
    }

    [Fact]
    public void A_short_curve_is_kept_whole()
    {
        var curve = Line(50);

        Assert.Same(curve, curve.Thin(200, keep: 7));
    }

    [Fact]
    public void Thinning_a_large_roc_curve_keeps_its_ks_point()
    {
        var random = new Random(5);
        var labels = Enumerable.Range(0, 5_000).Select(_ => (double)random.Next(2)).ToArray();
        var scores = labels.Select(l => (0.3 * l) + random.NextDouble()).ToArray();
        var e = BinaryMetrics.Evaluate(scores, labels);

        var thin = e.Roc.Thin(200, keep: e.KsIndex);

        Assert.True(thin.Count <= 200);
        Assert.Equal(e.Ks, thin.Y.Zip(thin.X, (tpr, fpr) => tpr - fpr).Max());
    }
}
