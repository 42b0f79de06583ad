using System.Globalization;
using Concord.ML.Evaluation;

namespace Concord.ML.Tests.Evaluation;

/// <summary>Against sklearn 1.2.1 (accuracy_score, precision/recall/f1_score average=macro|micro, confusion_matrix), 1e-12 tolerance.</summary>
public class MultiClassMetricsTests
{
    private const double Tolerance = 1e-12;

    private static readonly double[] Classes = [0, 1, 2];
    private static readonly double[] Labels = [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2];
    private static readonly double[] Weights = [1, 2, 1, 1, 0.5, 1, 1, 2, 1, 1, 3, 1];

    // Row i's scores for classes 0, 1, 2; the predictions are their argmax.
    private static readonly double[][] Rows =
    [
        [0.7, 0.2, 0.1], [0.1, 0.5, 0.4], [0.2, 0.2, 0.6], [0.3, 0.4, 0.3], [0.6, 0.3, 0.1], [0.5, 0.4, 0.1],
        [0.1, 0.1, 0.8], [0.2, 0.7, 0.1], [0.3, 0.3, 0.4], [0.2, 0.6, 0.2], [0.25, 0.25, 0.5], [0.1, 0.3, 0.6],
    ];

    private static double[][] Columns => [.. Enumerable.Range(0, 3).Select(c => Rows.Select(r => r[c]).ToArray())];

    /// <summary>Micro precision, recall and F1 are sklearn's too; for single-label data all three equal the accuracy.</summary>
    [Theory]
    [InlineData(false, 0.66666666666666663, 0.65555555555555556, 0.65555555555555556, 0.65555555555555556, "2 1 0|1 2 1|0 1 4")]
    [InlineData(true, 0.77419354838709675, 0.77460317460317463, 0.75036075036075045, 0.76002258610954254, "2 1 0|0.5 4 1|0 1 6")]
    public void Metrics_match_sklearn(bool weighted, double accuracy, double macroPrecision, double macroRecall, double macroF1, string confusion)
    {
        var e = MultiClassMetrics.Evaluate(Classes, Columns, Labels, weighted ? Weights : null);

        Assert.Equal(accuracy, e.Accuracy, Tolerance);
        Assert.Equal(macroPrecision, e.MacroPrecision, Tolerance);
        Assert.Equal(macroRecall, e.MacroRecall, Tolerance);
        Assert.Equal(macroF1, e.MacroF1, Tolerance);
        Assert.Equal([accuracy, accuracy, accuracy], [e.MicroPrecision, e.MicroRecall, e.MicroF1]);
        Assert.Equal(confusion, string.Join('|', e.Confusion.Select(row => string.Join(' ', row.Select(v => v.ToString(CultureInfo.InvariantCulture))))));
    }

    [Fact]
    public void A_label_that_no_column_scores_is_refused_with_its_row()
    {
        var ex = Assert.Throws<ArgumentException>(() => MultiClassMetrics.Evaluate(Classes, Columns, [.. Labels[..^1], 7]));

        Assert.Contains("the label of row 11 is 7", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Nan_scores_empty_input_and_a_single_column_are_refused()
    {
        var columns = Columns;
        columns[2][4] = double.NaN;
        Assert.Contains("the score of class 2 of row 4 is NaN", Assert.Throws<ArgumentException>(() => MultiClassMetrics.Evaluate(Classes, columns, Labels)).Message, StringComparison.Ordinal);
        Assert.Contains("no rows", Assert.Throws<ArgumentException>(() => MultiClassMetrics.Evaluate(Classes, [[], [], []], [])).Message, StringComparison.Ordinal);
        Assert.Contains("at least 2 classes", Assert.Throws<ArgumentException>(() => MultiClassMetrics.Evaluate([1], [[0.5]], [1])).Message, StringComparison.Ordinal);
    }
}
