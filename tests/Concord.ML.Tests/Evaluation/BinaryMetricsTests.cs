using Concord.ML.Evaluation;

namespace Concord.ML.Tests.Evaluation;

/// <summary>
/// Binary metrics against sklearn 1.2.1 (roc_auc_score, roc_curve, precision/recall/f1_score, confusion_matrix),
/// run by hand on the data below; the numbers are pasted with 1e-12 tolerance, i.e. rounding only.
/// </summary>
public class BinaryMetricsTests
{
    private const double Tolerance = 1e-12;

    // Three rows tie at 0.8 (two positive, one negative), two at 0.5 and two at 0.3 with mixed labels: AUC must count ties as ½.
    internal static readonly double[] Scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1, 0.8, 0.35];
    internal static readonly double[] Labels = [1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
    private static readonly double[] Weights = [1, 2, 1, 0.5, 1, 1, 3, 1, 1, 2, 1, 1, 1, 1, 0.5];

    [Fact]
    public void Unweighted_metrics_match_sklearn()
    {
        var e = BinaryMetrics.Evaluate(Scores, Labels);

        Assert.Equal(0.7857142857142857, e.Auc, Tolerance);
        Assert.Equal(0.4821428571428571, e.Ks, Tolerance);
        Assert.Equal(0.5, e.Roc.Thresholds[e.KsIndex]);
        Assert.Equal(new BinaryConfusion(5, 3, 1, 6), e.Confusion);
        Assert.Equal(0.66666666666666663, e.Confusion.Precision, Tolerance);
        Assert.Equal(0.8571428571428571, e.Confusion.Recall, Tolerance);
        Assert.Equal(0.75, e.Confusion.F1, Tolerance);
        Assert.Equal(0.73333333333333328, e.Confusion.Accuracy, Tolerance);
        Assert.Equal(0.625, e.Confusion.TrueNegativeRate, Tolerance);
        // sklearn's roc_curve(drop_intermediate=False): the origin plus one point per distinct score.
        Assert.Equal(12, e.Roc.Count);
    }

    [Fact]
    public void Weighted_metrics_match_sklearn_with_sample_weight()
    {
        var e = BinaryMetrics.Evaluate(Scores, Labels, Weights);

        Assert.Equal(0.80952380952380953, e.Auc, Tolerance);
        Assert.Equal(0.54285714285714282, e.Ks, Tolerance);
        Assert.Equal(0.55, e.Roc.Thresholds[e.KsIndex]);
        Assert.Equal(new BinaryConfusion(5.5, 5.0, 1.0, 6.5), e.Confusion);
        Assert.Equal(0.56521739130434778, e.Confusion.Precision, Tolerance);
        Assert.Equal(0.8666666666666667, e.Confusion.Recall, Tolerance);
        Assert.Equal(0.68421052631578949, e.Confusion.F1, Tolerance);
        Assert.Equal(0.66666666666666663, e.Confusion.Accuracy, Tolerance);
        Assert.Equal(0.52380952380952384, e.Confusion.TrueNegativeRate, Tolerance);
    }

    [Fact]
    public void Positive_label_0_reports_class_0_scored_by_one_minus_the_score()
    {
        var e = BinaryMetrics.Evaluate(Scores, Labels, positiveLabel: 0);

        Assert.Equal(0.7857142857142857, e.Auc, Tolerance);
        Assert.Equal(0.75, e.Confusion.Precision, Tolerance);
        Assert.Equal(0.75, e.Confusion.Recall, Tolerance);
        Assert.Equal(0.75, e.Confusion.F1, Tolerance);
    }

    [Fact]
    public void The_threshold_moves_the_confusion_matrix_but_not_the_ranking_metrics()
    {
        var low = BinaryMetrics.Evaluate(Scores, Labels, threshold: 0.3);
        var high = BinaryMetrics.Evaluate(Scores, Labels, threshold: 0.85);

        // At 0.3, 13 of the 15 rows score 0.3 or more: all 7 positives and 6 of the 8 negatives.
        Assert.Equal(new BinaryConfusion(2, 6, 0, 7), low.Confusion);
        Assert.Equal(new BinaryConfusion(8, 0, 6, 1), high.Confusion);
        Assert.Equal(low.Auc, high.Auc);
    }

    /// <summary>
    /// Lift and gain against an independent numpy computation: for each decile d, the highest distinct score t with
    /// count(score ≥ t) ≥ n·d/10, then fraction = that count / n, gain = positives selected / all positives.
    /// </summary>
    [Fact]
    public void Lift_and_gain_by_decile_match_an_independent_computation()
    {
        var e = BinaryMetrics.Evaluate(Scores, Labels);

        double[] fraction = [4 / 15.0, 4 / 15.0, 5 / 15.0, 6 / 15.0, 9 / 15.0, 9 / 15.0, 11 / 15.0, 13 / 15.0, 14 / 15.0, 1];
        double[] gain = [3 / 7.0, 3 / 7.0, 4 / 7.0, 4 / 7.0, 6 / 7.0, 6 / 7.0, 6 / 7.0, 1, 1, 1];
        double[] lift = [1.607142857142857, 1.607142857142857, 1.7142857142857142, 1.4285714285714284, 1.4285714285714286, 1.4285714285714286, 1.1688311688311688, 1.1538461538461537, 1.0714285714285714, 1];
        double[] thresholds = [0.8, 0.8, 0.7, 0.6, 0.5, 0.5, 0.35, 0.3, 0.2, 0.1];
        AssertClose(fraction, e.Gain.X);
        AssertClose(gain, e.Gain.Y);
        AssertClose(fraction, e.Lift.X);
        AssertClose(lift, e.Lift.Y);
        Assert.Equal(thresholds, e.Lift.Thresholds);
    }

    private static void AssertClose(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.All(expected.Zip(actual), pair => Assert.Equal(pair.First, pair.Second, Tolerance));
    }

    [Fact]
    public void A_perfect_ranking_has_auc_and_ks_1()
    {
        var e = BinaryMetrics.Evaluate([0.1, 0.2, 0.8, 0.9], [0, 0, 1, 1]);

        Assert.Equal(1.0, e.Auc);
        Assert.Equal(1.0, e.Ks);
        Assert.Equal(0.8, e.Roc.Thresholds[e.KsIndex]);
    }

    [Fact]
    public void A_single_class_is_refused_for_auc()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.7, 0.4], [1, 1, 1]));

        Assert.Contains("every row is positive", ex.Message, StringComparison.Ordinal);
        Assert.Contains("both classes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_nan_score_is_refused_with_its_row()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, double.NaN, 0.4], [0, 1, 1]));

        Assert.Contains("the score of row 1 is NaN", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_other_than_0_or_1_is_refused_with_its_row()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2, 0.4], [0, 1, 2]));

        Assert.Contains("the label of row 2 is 2", ex.Message, StringComparison.Ordinal);
        Assert.Contains("labels 0 and 1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_input_is_refused()
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([], []));

        Assert.Contains("no rows", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_weights_are_refused()
    {
        Assert.Contains("2 values of the score for 3 labels", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("sample weight of row 1 is -1", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1], [1, -1])).Message, StringComparison.Ordinal);
        Assert.Contains("every sample weight is 0", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1], [0, 0])).Message, StringComparison.Ordinal);
    }
}
