using System.Text.Json.Nodes;
using Concord.Flow.Components;
using Concord.ML.Evaluation;

namespace Concord.Flow.Tests;

public class EvaluationJsonTests
{
    private static readonly BinaryEvaluation Large = Evaluate(5_000);

    private static BinaryEvaluation Evaluate(int rows)
    {
        var random = new Random(11);
        var labels = Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray();
        return BinaryMetrics.Evaluate([.. labels.Select(l => (0.2 * l) + (0.8 * random.NextDouble()))], labels);
    }

    [Fact]
    public void Stored_curves_are_thinned_to_the_bound_and_the_ks_curve_keeps_its_ks_point()
    {
        var json = EvaluationJson.Binary(Large);

        Assert.True(Large.Roc.Count > 4_000);
        foreach (var (curve, series) in new[] { ("roc", "fpr"), ("roc", "tpr"), ("ks_curve", "tpr"), ("ks_curve", "thresholds") })
        {
            Assert.Equal(EvaluationJson.MaxCurvePoints, json[curve]![series]!.AsArray().Count);
        }
        var tpr = json["ks_curve"]!["tpr"]!.AsArray().Select(v => v!.GetValue<double>());
        var fpr = json["ks_curve"]!["fpr"]!.AsArray().Select(v => v!.GetValue<double>());
        Assert.Equal(json["ks"]!.GetValue<double>(), tpr.Zip(fpr, (t, f) => t - f).Max());
        Assert.Equal(Large.Roc.Thresholds[Large.KsIndex], json["ks_threshold"]!.GetValue<double>());
        // JSON has no infinity: the origin's threshold, which no score reaches, is null.
        Assert.Null(json["roc"]!["thresholds"]![0]);
    }

    [Fact]
    public void Scalars_and_summary_list_what_was_computed_in_a_fixed_order()
    {
        var json = EvaluationJson.Regression(new RegressionEvaluation(Rmse: 1.5, Mae: 1.25, R2: 0.5, ExplainedVariance: 0.625));

        Assert.Equal(["rmse", "mae", "r2", "explained_variance"], EvaluationJson.Scalars(json).Select(s => s.Key));
        Assert.Equal("rmse 1.5, mae 1.25, r2 0.5, explained_variance 0.625", EvaluationJson.Summary(json));
    }

    [Fact]
    public void Keeping_named_scalars_drops_the_others_and_refuses_an_unknown_name()
    {
        var json = EvaluationJson.Binary(Large);

        EvaluationJson.KeepScalars(json, ["auc", "ks"], "binary");

        Assert.Equal(["auc", "ks"], EvaluationJson.Scalars(json).Select(s => s.Key));
        Assert.NotNull(json["roc"]);
        var ex = Assert.Throws<ArgumentException>(() => EvaluationJson.KeepScalars(new JsonObject { ["auc"] = 0.5 }, ["r2"], "binary"));
        Assert.Contains("metrics names \"r2\", which binary evaluation does not compute; it computes auc", ex.Message, StringComparison.Ordinal);
    }
}
