using System.Globalization;
using System.Text.Json.Nodes;
using Concord.ML.Validation;

namespace Concord.Flow.Components;

/// <summary>
/// A model's validations in its metrics, for the dashboard's validation curve beside the training loss:
/// <c>validation: [{epoch, loss, auc, …}]</c> (the step named as the model counts them: epoch, tree, round; and
/// <c>model</c> under one-vs-rest), and with early stopping <c>best_epoch</c>, the step whose model was kept.
/// </summary>
public static class ValidationReport
{
    public static void AddTo(JsonObject metrics, IReadOnlyList<ValidationPoint> points, IReadOnlyList<int> best, int models, string step)
    {
        metrics["validation"] = new JsonArray([.. points.Select(p =>
        {
            var point = new JsonObject();
            if (models > 1)
            {
                point["model"] = p.Model;
            }
            point[step] = p.Epoch;
            foreach (var (name, value) in p.Metrics)
            {
                point[name] = double.IsFinite(value) ? value : null;
            }
            return (JsonNode)point;
        })]);
        if (best.Count > 0)
        {
            metrics[$"best_{step}"] = models > 1 ? new JsonArray([.. best.Select(b => (JsonNode)b)]) : best[0];
        }
    }

    /// <summary>One log line: how many validations, and which step early stopping kept.</summary>
    public static string Summary(IReadOnlyList<ValidationPoint> points, IReadOnlyList<int> best, IReadOnlyList<int> ran)
    {
        var last = points.Count == 0 ? "" : string.Join(", ", points[^1].Metrics.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.Key} {m.Value:G6}")));
        var kept = best.Count == 0 ? "" : $"; early stopping kept epoch(s) {string.Join(", ", best)} of {string.Join(", ", ran)}";
        return $"validated {points.Count} time(s), last: {last}{kept}";
    }
}
