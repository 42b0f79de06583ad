using Concord.ML.Evaluation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Evaluation;

/// <summary>Against sklearn 1.2.1 (mean_squared_error, mean_absolute_error, r2_score, explained_variance_score), 1e-12 tolerance.</summary>
public class RegressionMetricsTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] Labels = [3.0, -0.5, 2.0, 7.0, 4.2, 1.1, 0.0, 5.5];
    private static readonly double[] Predictions = [2.5, 0.0, 2.1, 7.8, 3.9, 1.5, -0.3, 4.9];
    private static readonly double[] Weights = [1, 2, 0.5, 1, 1, 3, 1, 0.25];

    [Theory]
    [InlineData(false, 0.48088460154178353, 0.4375, 0.96238977408452142, 0.9624151863993291)]
    [InlineData(true, 0.46904157598234292, 0.44102564102564101, 0.95936917924819265, 0.96566378730441671)]
    public void Metrics_match_sklearn(bool weighted, double rmse, double mae, double r2, double explainedVariance)
    {
        var e = RegressionMetrics.Evaluate(Predictions, Labels, weighted ? Weights : null);

        Assert.Equal(rmse, e.Rmse, Tolerance);
        Assert.Equal(mae, e.Mae, Tolerance);
        Assert.Equal(r2, e.R2, Tolerance);
        Assert.Equal(explainedVariance, e.ExplainedVariance, Tolerance);
    }

    [Fact]
    public void A_perfect_prediction_has_r2_and_explained_variance_1_and_no_error()
    {
        var labels = (from n in Gen.Choose(2, 30)
                      from values in Gen.ArrayOf(Gen.Choose(-1000, 1000), n)
                      where values.Distinct().Count() > 1
                      select values.Select(v => v / 7.0).ToArray()).ToArbitrary();

        Prop.ForAll(labels, y =>
        {
            var e = RegressionMetrics.Evaluate(y, y);
            return e.R2 == 1 && e.ExplainedVariance == 1 && e.Rmse == 0 && e.Mae == 0;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void A_constant_bias_lowers_r2_but_not_the_explained_variance()
    {
        var e = RegressionMetrics.Evaluate([.. Labels.Select(y => y + 2)], Labels);

        Assert.Equal(2, e.Mae, Tolerance);
        Assert.Equal(2, e.Rmse, Tolerance);
        Assert.Equal(1, e.ExplainedVariance, Tolerance);
        Assert.True(e.R2 < 0.9);
    }

    [Fact]
    public void Constant_labels_nan_predictions_and_empty_input_are_refused()
    {
        Assert.Contains("every label is 4", Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([1, 2, 3], [4, 4, 4])).Message, StringComparison.Ordinal);
        Assert.Contains("the prediction of row 0 is NaN", Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([double.NaN, 2], [1, 2])).Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => RegressionMetrics.Evaluate([], [])).Message, StringComparison.Ordinal);
    }
}
