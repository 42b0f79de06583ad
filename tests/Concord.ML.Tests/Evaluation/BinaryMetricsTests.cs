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

    /// <param name="confusion">tn, fp, fn, tp at the default threshold 0.5.</param>
    [Theory]
    [InlineData(false, 0.7857142857142857, 0.4821428571428571, 0.5, new[] { 5.0, 3, 1, 6 }, 0.66666666666666663, 0.8571428571428571, 0.75, 0.73333333333333328, 0.625)]
    [InlineData(true, 0.80952380952380953, 0.54285714285714282, 0.55, new[] { 5.5, 5.0, 1.0, 6.5 }, 0.56521739130434778, 0.8666666666666667, 0.68421052631578949, 0.66666666666666663, 0.52380952380952384)]
    public void Metrics_match_sklearn(
        bool weighted, double auc, double ks, double ksThreshold, double[] confusion, double precision, double recall, double f1, double accuracy, double tnr)
    {
        var e = BinaryMetrics.Evaluate(Scores, Labels, weighted ? Weights : null);

        Assert.Equal(auc, e.Auc, Tolerance);
        Assert.Equal(ks, e.Ks, Tolerance);
        Assert.Equal(ksThreshold, e.Roc.Thresholds[e.KsIndex]);
        Assert.Equal(new BinaryConfusion(confusion[0], confusion[1], confusion[2], confusion[3]), e.Confusion);
        Assert.Equal(precision, e.Confusion.Precision, Tolerance);
        Assert.Equal(recall, e.Confusion.Recall, Tolerance);
        Assert.Equal(f1, e.Confusion.F1, Tolerance);
        Assert.Equal(accuracy, e.Confusion.Accuracy, Tolerance);
        Assert.Equal(tnr, e.Confusion.TrueNegativeRate, Tolerance);
        // sklearn's roc_curve(drop_intermediate=False): the origin plus one point per distinct score.
        Assert.Equal(12, e.Roc.Count);
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

    [Theory]
    [InlineData(new[] { 0.1, 0.7, 0.4 }, new[] { 1.0, 1, 1 }, "every row is positive: AUC, KS and the ROC curve need rows of both classes")]
    [InlineData(new[] { 0.1, 0.7, 0.4 }, new[] { 0.0, 0, 0 }, "every row is negative")]
    [InlineData(new[] { 0.1, double.NaN, 0.4 }, new[] { 0.0, 1, 1 }, "the score of row 1 is NaN")]
    [InlineData(new[] { 0.1, 0.2, 0.4 }, new[] { 0.0, 1, 2 }, "the label of row 2 is 2: binary evaluation needs labels 0 and 1")]
    [InlineData(new double[0], new double[0], "the input has no rows")]
    public void Bad_input_is_refused_with_what_is_wrong_and_where(double[] scores, double[] labels, string says)
    {
        var ex = Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate(scores, labels));

        Assert.Contains(says, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mismatched_lengths_and_bad_weights_are_refused()
    {
        Assert.Contains("2 values of the score for 3 labels", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1, 1])).Message, StringComparison.Ordinal);
        Assert.Contains("sample weight of row 1 is -1", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1], [1, -1])).Message, StringComparison.Ordinal);
        Assert.Contains("every sample weight is 0", Assert.Throws<ArgumentException>(() => BinaryMetrics.Evaluate([0.1, 0.2], [0, 1], [0, 0])).Message, StringComparison.Ordinal);
    }
}
