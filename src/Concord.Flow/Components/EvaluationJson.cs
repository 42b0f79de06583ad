using System.Globalization;
using System.Text.Json.Nodes;
using Concord.ML.Evaluation;

namespace Concord.Flow.Components;

/// <summary>
/// The evaluation component's metrics as stored: the scalars at the top level under fixed names (which
/// `concord run --json` lifts into its last line), curves thinned to at most <see cref="MaxCurvePoints"/> points
/// for the dashboard, and the confusion matrix with its rows (true class) and columns (predicted class) labelled.
/// </summary>
public static class EvaluationJson
{
    public const int MaxCurvePoints = 200;

    /// <summary>The top-level keys that hold one number each, in the order a report prints them.</summary>
    public static IReadOnlyList<string> ScalarNames { get; } =
    [
        "auc", "ks", "precision", "recall", "f1", "true_negative_rate", "accuracy",
        "macro_precision", "macro_recall", "macro_f1", "micro_precision", "micro_recall", "micro_f1",
        "rmse", "mae", "r2", "explained_variance",
    ];

    public static JsonObject Binary(BinaryEvaluation e)
    {
        var c = e.Confusion;
        var ks = e.Roc.Thin(MaxCurvePoints, keep: e.KsIndex);
        var roc = e.Roc.Thin(MaxCurvePoints);
        return new JsonObject
        {
            ["auc"] = e.Auc,
            ["ks"] = e.Ks,
            ["precision"] = c.Precision,
            ["recall"] = c.Recall,
            ["f1"] = c.F1,
            ["true_negative_rate"] = c.TrueNegativeRate,
            ["accuracy"] = c.Accuracy,
            ["threshold"] = e.Threshold,
            ["pos_label"] = e.PositiveLabel,
            ["ks_threshold"] = Number(e.Roc.Thresholds[e.KsIndex]),
            ["confusion_matrix"] = new JsonObject
            {
                ["classes"] = new JsonArray(1 - e.PositiveLabel, e.PositiveLabel),
                ["matrix"] = Matrix([[c.TrueNegatives, c.FalsePositives], [c.FalseNegatives, c.TruePositives]]),
            },
            ["roc"] = new JsonObject { ["fpr"] = Array(roc.X), ["tpr"] = Array(roc.Y), ["thresholds"] = Array(roc.Thresholds) },
            ["ks_curve"] = new JsonObject { ["thresholds"] = Array(ks.Thresholds), ["tpr"] = Array(ks.Y), ["fpr"] = Array(ks.X) },
            ["lift"] = new JsonObject { ["fraction"] = Array(e.Lift.X), ["lift"] = Array(e.Lift.Y), ["thresholds"] = Array(e.Lift.Thresholds) },
            ["gain"] = new JsonObject { ["fraction"] = Array(e.Gain.X), ["gain"] = Array(e.Gain.Y), ["thresholds"] = Array(e.Gain.Thresholds) },
        };
    }

    public static JsonObject Multi(MultiClassEvaluation e) => new()
    {
        ["accuracy"] = e.Accuracy,
        // The contract's precision, recall and f1 are the macro averages: every class counts the same, as in FATE.
        ["precision"] = e.MacroPrecision,
        ["recall"] = e.MacroRecall,
        ["f1"] = e.MacroF1,
        ["macro_precision"] = e.MacroPrecision,
        ["macro_recall"] = e.MacroRecall,
        ["macro_f1"] = e.MacroF1,
        ["micro_precision"] = e.MicroPrecision,
        ["micro_recall"] = e.MicroRecall,
        ["micro_f1"] = e.MicroF1,
        ["confusion_matrix"] = new JsonObject { ["classes"] = Array(e.Classes), ["matrix"] = Matrix(e.Confusion) },
    };

    public static JsonObject Regression(RegressionEvaluation e) => new()
    {
        ["rmse"] = e.Rmse,
        ["mae"] = e.Mae,
        ["r2"] = e.R2,
        ["explained_variance"] = e.ExplainedVariance,
    };

    /// <summary>Drops the scalars not in <paramref name="wanted"/>; a name the evaluation does not compute is an error, not a silent omission.</summary>
    public static void KeepScalars(JsonObject metrics, IReadOnlyList<string> wanted, string evalType)
    {
        var computed = ScalarNames.Where(metrics.ContainsKey).ToList();
        if (wanted.FirstOrDefault(name => !computed.Contains(name)) is string unknown)
        {
            throw new ArgumentException($"metrics names \"{unknown}\", which {evalType} evaluation does not compute; it computes {string.Join(", ", computed)}");
        }
        foreach (var name in computed.Except(wanted))
        {
            metrics.Remove(name);
        }
    }

    /// <summary>The scalar metrics an evaluation reported, by name, in <see cref="ScalarNames"/> order.</summary>
    public static IEnumerable<KeyValuePair<string, double>> Scalars(JsonNode? metrics) =>
        metrics is JsonObject o
            ? ScalarNames.Where(name => o[name] is JsonValue).Select(name => KeyValuePair.Create(name, o[name]!.GetValue<double>()))
            : [];

    /// <summary>One line for a log or a terminal, e.g. "auc 0.9936, ks 0.9355, ...".</summary>
    public static string Summary(JsonNode? metrics) =>
        string.Join(", ", Scalars(metrics).Select(s => $"{s.Key} {s.Value.ToString("0.####", CultureInfo.InvariantCulture)}"));

    /// <summary>JSON has no infinity: the ROC origin's threshold, which no score reaches, is stored as null.</summary>
    private static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private static JsonArray Array(double[] values) => new([.. values.Select(Number)]);

    private static JsonArray Matrix(double[][] rows) => new([.. rows.Select(Array)]);
}
