using System.Text.Json.Nodes;
using Concord.Board.Charts;

namespace Concord.Board.Views.Components;

/// <summary>
/// Precision against recall, derived from the stored ROC points: evaluation does not store this curve, but at each
/// threshold recall is the TPR and precision is TPR·P / (TPR·P + FPR·N), with P and N the positive and negative
/// totals, which the confusion matrix's rows hold.
/// </summary>
public static class PrecisionRecallCurve
{
    public const string Derivation = "Not stored by evaluation: computed here from the ROC points and the class totals of the confusion matrix.";

    /// <summary>The curve, or null when the metrics lack the ROC points or a binary confusion matrix.</summary>
    public static Series? From(JsonObject metrics, string name)
    {
        var fpr = MetricJson.Numbers(MetricJson.Field(metrics["roc"], "fpr"));
        var tpr = MetricJson.Numbers(MetricJson.Field(metrics["roc"], "tpr"));
        if (fpr.Length == 0 || MetricJson.Field(metrics["confusion_matrix"], "matrix") is not JsonArray { Count: 2 } rows)
        {
            return null;
        }
        // Rows are the true classes, negative first: [[TN, FP], [FN, TP]].
        var negatives = MetricJson.Numbers(rows[0]).Sum();
        var positives = MetricJson.Numbers(rows[1]).Sum();
        if (!(positives > 0) || !(negatives >= 0))
        {
            return null;
        }
        var points = new List<ChartPoint>();
        for (var i = 0; i < Math.Min(fpr.Length, tpr.Length); i++)
        {
            var predicted = (tpr[i] * positives) + (fpr[i] * negatives);
            // At the ROC origin nothing is predicted positive, and precision is undefined.
            if (predicted > 0)
            {
                points.Add(new ChartPoint(tpr[i], tpr[i] * positives / predicted));
            }
        }
        return new Series(name, points);
    }
}
