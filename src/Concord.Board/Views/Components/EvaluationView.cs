using System.Text.Json.Nodes;
using Concord.Board.Charts;
using Concord.Flow.Components;

namespace Concord.Board.Views.Components;

/// <summary>
/// The evaluation component's page: ROC, KS, lift, gain and precision-recall curves, the confusion matrix and the
/// scalars, from the metrics <see cref="EvaluationJson"/> stores.
/// </summary>
public static class EvaluationView
{
    /// <summary>The keys this view draws; anything else the metrics hold goes to the generic table.</summary>
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(EvaluationJson.ScalarNames.Concat(
        ["roc", "ks_curve", "lift", "gain", "confusion_matrix", "threshold", "pos_label", "ks_threshold", "eval_type", "rows"]));

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics)
    {
        var sections = new List<ViewSection> { new("Scores", [Scalars(metrics)]) };
        if (metrics["roc"] is JsonObject)
        {
            sections.Add(new("ROC", [new FigureBlock(Roc(metrics, "ROC").ToSvg())]));
        }
        if (Ks(metrics) is LineChart ks)
        {
            sections.Add(new("KS", [new FigureBlock(ks.ToSvg())]));
        }
        if (Lift(metrics, "Lift") is LineChart lift)
        {
            sections.Add(new("Lift", [new FigureBlock(lift.ToSvg())]));
        }
        if (Gain(metrics, "Gain") is LineChart gain)
        {
            sections.Add(new("Gain", [new FigureBlock(gain.ToSvg())]));
        }
        if (PrecisionRecall(metrics, "precision-recall") is { } pr)
        {
            sections.Add(new("Precision-recall", [new FigureBlock(pr.ToSvg()), new NoteBlock(PrecisionRecallCurve.Derivation)]));
        }
        if (Confusion(metrics) is Heatmap confusion)
        {
            sections.Add(new("Confusion matrix", [new FigureBlock(confusion.ToSvg())]));
        }
        return sections;
    }

    /// <summary>The ROC curve (false positive rate, true positive rate) as one series named <paramref name="name"/>.</summary>
    public static Series RocSeries(JsonObject metrics, string name) =>
        Series.Of(name, MetricJson.Numbers(MetricJson.Field(metrics["roc"], "fpr")), MetricJson.Numbers(MetricJson.Field(metrics["roc"], "tpr")));

    public static LineChart Roc(JsonObject metrics, string name) => RocChart([RocSeries(metrics, name)], AucTitle("ROC curve", metrics));

    public static LineChart RocChart(IReadOnlyList<Series> series, string title) => new(title, series)
    {
        XTitle = "false positive rate",
        YTitle = "true positive rate",
        XRange = (0, 1),
        YRange = (0, 1),
        Diagonal = true,
    };

    /// <summary>TPR and FPR against the score threshold, the largest gap between them marked: the KS statistic.</summary>
    public static LineChart? Ks(JsonObject metrics)
    {
        if (metrics["ks_curve"] is not JsonObject curve)
        {
            return null;
        }
        var thresholds = MetricJson.Numbers(curve["thresholds"]);
        var tpr = MetricJson.Numbers(curve["tpr"]);
        var fpr = MetricJson.Numbers(curve["fpr"]);
        var n = Math.Min(thresholds.Length, Math.Min(tpr.Length, fpr.Length));
        var best = Enumerable.Range(0, n).Where(i => double.IsFinite(thresholds[i]) && double.IsFinite(tpr[i] - fpr[i]))
            .DefaultIfEmpty(-1).MaxBy(i => i < 0 ? double.NegativeInfinity : tpr[i] - fpr[i]);
        var ks = MetricJson.Number(metrics["ks"]);
        return new LineChart(ks is double k ? $"KS curve — KS {MetricJson.Format(k)}" : "KS curve",
            [Series.Of("true positive rate", thresholds, tpr), Series.Of("false positive rate", thresholds, fpr)])
        {
            XTitle = "score threshold",
            YTitle = "rate",
            YRange = (0, 1),
            Gap = best < 0 ? null : new GapMarker(thresholds[best], fpr[best], tpr[best], $"KS {MetricJson.Format(tpr[best] - fpr[best])}"),
        };
    }

    public static LineChart? Lift(JsonObject metrics, string name) => metrics["lift"] is JsonObject lift
        ? LiftChart([Series.Of(name, MetricJson.Numbers(lift["fraction"]), MetricJson.Numbers(lift["lift"]))])
        : null;

    public static LineChart LiftChart(IReadOnlyList<Series> series) =>
        new("Lift", series) { XTitle = "fraction of rows, highest scores first", YTitle = "lift" };

    public static LineChart? Gain(JsonObject metrics, string name) => metrics["gain"] is JsonObject gain
        ? GainChart([Series.Of(name, MetricJson.Numbers(gain["fraction"]), MetricJson.Numbers(gain["gain"]))])
        : null;

    public static LineChart GainChart(IReadOnlyList<Series> series) =>
        new("Cumulative gain", series) { XTitle = "fraction of rows, highest scores first", YTitle = "fraction of positives found", XRange = (0, 1), YRange = (0, 1), Diagonal = true };

    public static LineChart? PrecisionRecall(JsonObject metrics, string name) =>
        PrecisionRecallCurve.From(metrics, name) is Series series
            ? new LineChart("Precision-recall curve", [series]) { XTitle = "recall", YTitle = "precision", XRange = (0, 1), YRange = (0, 1) }
            : null;

    /// <summary>The confusion matrix, true classes as rows and predicted ones as columns.</summary>
    public static Heatmap? Confusion(JsonObject metrics)
    {
        if (metrics["confusion_matrix"] is not JsonObject confusion || confusion["matrix"] is not JsonArray rows)
        {
            return null;
        }
        var classes = confusion["classes"] is JsonArray c ? c.Select(MetricJson.Text).ToList() : [];
        var matrix = rows.Select(r => (IReadOnlyList<double>)MetricJson.Numbers(r)).ToList();
        var max = matrix.SelectMany(r => r).Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var threshold = MetricJson.Number(metrics["threshold"]);
        return new Heatmap(threshold is double t ? $"Confusion matrix at threshold {MetricJson.Format(t)}" : "Confusion matrix",
            classes, classes, matrix, ColourScale.Counts(max))
        {
            RowTitle = "true class",
            ColumnTitle = "predicted class",
            Format = "0.###",
        };
    }

    private static TableBlock Scalars(JsonObject metrics)
    {
        var rows = EvaluationJson.Scalars(metrics).Select(s => (IReadOnlyList<string>)[s.Key, MetricJson.Format(s.Value)]).ToList();
        foreach (var key in (string[])["eval_type", "rows", "threshold", "pos_label", "ks_threshold"])
        {
            if (metrics[key] is JsonNode value)
            {
                rows.Add([key, MetricJson.Text(value)]);
            }
        }
        return new TableBlock(null, ["metric", "value"], rows);
    }

    private static string AucTitle(string title, JsonObject metrics) =>
        MetricJson.Number(metrics["auc"]) is double auc ? $"{title} — AUC {MetricJson.Format(auc)}" : title;
}
