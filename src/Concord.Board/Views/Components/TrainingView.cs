using System.Text.Json.Nodes;
using Concord.Board.Charts;

namespace Concord.Board.Views.Components;

/// <summary>
/// An iterative model's curves per epoch (or round): the training loss as the GLMs, SecureBoost and the horizontal
/// components store it, the validation loss beside it, and each validation metric (see ValidationReport).
/// </summary>
public static class TrainingView
{
    private static readonly string[] Keys = ["loss", "local_loss", "validation", "epochs"];

    /// <summary>The keys this view draws: those holding a list or an object; a value of another shape is left to the tables.</summary>
    public static IReadOnlySet<string> Shown(JsonObject metrics) => Keys.Where(k => metrics[k] is JsonArray or JsonObject).ToHashSet();

    /// <param name="step">What the model counts: epoch, round.</param>
    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics, string step)
    {
        var sections = new List<ViewSection>();
        var loss = LossSeries(metrics, step);
        if (loss.Count > 0)
        {
            sections.Add(new("Loss", [new FigureBlock(new LineChart($"Loss per {step}", loss) { XTitle = step, YTitle = LossName(metrics) }.ToSvg())]));
        }
        var validation = ValidationSeries(metrics);
        if (validation.Count > 0)
        {
            var best = metrics.Where(kv => kv.Key.StartsWith("best_", StringComparison.Ordinal)).Select(kv => $"{kv.Key.Replace('_', ' ')} {MetricJson.Text(kv.Value)}").ToList();
            var blocks = new List<ViewBlock> { new FigureBlock(new LineChart("Validation metrics", validation) { XTitle = ValidationStep(metrics) ?? step, YTitle = "value" }.ToSvg()) };
            if (best.Count > 0)
            {
                blocks.Add(new NoteBlock($"Early stopping kept the model of {string.Join(", ", best)}."));
            }
            sections.Add(new("Validation", blocks));
        }
        return sections;
    }

    private static string LossName(JsonObject metrics) => MetricJson.String(MetricJson.Field(metrics["loss"], "name")) is string name ? $"loss ({name})" : "loss";

    /// <summary>Training loss: an array per epoch, SecureBoost's {name, train, validate}, or a horizontal client's local_loss.</summary>
    private static List<Series> LossSeries(JsonObject metrics, string step)
    {
        var series = new List<Series>();
        void Add(string name, JsonNode? values)
        {
            var ys = MetricJson.Numbers(values);
            if (ys.Length > 0)
            {
                series.Add(Series.Of(name, MetricJson.Steps(ys.Length), ys));
            }
        }
        if (metrics["loss"] is JsonObject split)
        {
            Add("train loss", split["train"]);
            Add("validation loss", split["validate"]);
        }
        else
        {
            Add("train loss", metrics["loss"]);
        }
        Add($"local loss per {step}", metrics["local_loss"]);
        if (metrics["loss"] is not JsonObject && ValidationPoints(metrics) is { Count: > 0 } points && points.Any(p => p["loss"] is not null))
        {
            series.AddRange(ByModel(points, "loss", ValidationStep(metrics)!).Select(s => s with { Name = "validation " + s.Name }));
        }
        return series;
    }

    /// <summary>One series per validation metric other than loss (and per model under one-vs-rest).</summary>
    private static List<Series> ValidationSeries(JsonObject metrics)
    {
        var points = ValidationPoints(metrics);
        if (points.Count == 0 || ValidationStep(metrics) is not string step)
        {
            return [];
        }
        var names = points.SelectMany(p => p.Select(kv => kv.Key)).Distinct().Where(k => k is not ("model" or "loss") && k != step).ToList();
        return [.. names.SelectMany(name => ByModel(points, name, step))];
    }

    private static IEnumerable<Series> ByModel(IReadOnlyList<JsonObject> points, string metric, string step) =>
        points.GroupBy(p => MetricJson.Number(p["model"]))
            .Select(g => Series.Of(g.Key is double m ? $"{metric} (model {MetricJson.Format(m)})" : metric,
                g.Select(p => MetricJson.Number(p[step]) ?? double.NaN), g.Select(p => MetricJson.Number(p[metric]) ?? double.NaN)));

    private static List<JsonObject> ValidationPoints(JsonObject metrics) =>
        metrics["validation"] is JsonArray array ? [.. array.OfType<JsonObject>()] : [];

    /// <summary>The step key the validation points carry: epoch, round or tree.</summary>
    private static string? ValidationStep(JsonObject metrics) =>
        ValidationPoints(metrics).FirstOrDefault()?.Select(kv => kv.Key).FirstOrDefault(k => k is "epoch" or "round" or "tree");
}
