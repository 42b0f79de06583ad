using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

/// <summary>
/// Prediction tables, laid out as the shared contract says a model outputs them, read at the guest and scored by
/// the evaluation component in a real job over real nodes (HTTP/2, mutual TLS on loopback), with a host present
/// that must not run it. Expected values are sklearn 1.2.1's on the same rows, as in Concord.ML.Tests.
/// </summary>
public class EvaluationJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const double Tolerance = 1e-12;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new EvaluationComponent()]);

    private static readonly string[] Ids = [.. Enumerable.Range(0, 15).Select(i => $"id{i:D2}")];
    private static readonly double[] BinaryScores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1, 0.8, 0.35];
    private static readonly double[] BinaryLabels = [1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0];

    private const string Job = """
        job: { name: evaluation-test, timeout: 60 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_binary
            type: reader
            parameters: { table: { namespace: test, name: binary } }
          - name: reader_multi
            type: reader
            parameters: { table: { namespace: test, name: multi } }
          - name: reader_regression
            type: reader
            parameters: { table: { namespace: test, name: regression } }
          - name: evaluation_binary
            type: evaluation
            inputs: { data: reader_binary.data }
            parameters: { eval_type: binary, threshold: 0.3 }
          - name: evaluation_multi
            type: evaluation
            inputs: { data: reader_multi.data }
            parameters: { eval_type: multi }
          - name: evaluation_regression
            type: evaluation
            inputs: { data: reader_regression.data }
            parameters: { eval_type: regression, metrics: [rmse, r2] }
        """;

    [Fact]
    public async Task Binary_multi_and_regression_predictions_are_scored_at_the_guest_only()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Host);
        SavePredictions(nodes, BinaryLabels);
        using var api = nodes.Operator(Guest);

        var jobId = await api.SubmitAsync(Job, "evaluation.yaml", CancellationToken.None);
        var view = await api.WaitAsync(jobId, null, CancellationToken.None);

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        Assert.All(view.Tasks.Where(t => t.Key.Component.StartsWith("evaluation", StringComparison.Ordinal)), t => Assert.Equal(Guest, t.Key.Party));
        var metrics = await api.MetricsAsync(jobId, CancellationToken.None);
        Assert.All(metrics, m => Assert.Equal(Guest, m.Task.Party));

        var binary = metrics.Single(m => m.Task.Component == "evaluation_binary").Value;
        Assert.Equal(0.7857142857142857, binary["auc"]!.GetValue<double>(), Tolerance);
        Assert.Equal(0.4821428571428571, binary["ks"]!.GetValue<double>(), Tolerance);
        Assert.Equal(7 / 13.0, binary["precision"]!.GetValue<double>(), Tolerance);
        Assert.Equal(1.0, binary["recall"]!.GetValue<double>(), Tolerance);
        Assert.Equal("[[2,6],[0,7]]", binary["confusion_matrix"]!["matrix"]!.ToJsonString());
        Assert.Equal(12, binary["roc"]!["fpr"]!.AsArray().Count);
        Assert.Null(binary["roc"]!["thresholds"]![0]);
        Assert.Equal(10, binary["lift"]!["lift"]!.AsArray().Count);
        Assert.Equal(15, binary["rows"]!.GetValue<int>());

        var multi = metrics.Single(m => m.Task.Component == "evaluation_multi").Value;
        Assert.Equal(0.66666666666666663, multi["accuracy"]!.GetValue<double>(), Tolerance);
        Assert.Equal(0.65555555555555556, multi["precision"]!.GetValue<double>(), Tolerance);
        Assert.Equal("[0,1,2]", multi["confusion_matrix"]!["classes"]!.ToJsonString());

        var regression = metrics.Single(m => m.Task.Component == "evaluation_regression").Value;
        Assert.Equal(0.48088460154178353, regression["rmse"]!.GetValue<double>(), Tolerance);
        Assert.Equal(0.96238977408452142, regression["r2"]!.GetValue<double>(), Tolerance);
        // metrics: [rmse, r2] keeps only those scalars.
        Assert.Equal(["rmse", "r2"], EvaluationJson.Scalars(regression).Select(s => s.Key));
    }

    [Fact]
    public async Task A_label_that_is_not_0_or_1_fails_the_job_with_the_row_named()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Host);
        SavePredictions(nodes, [.. BinaryLabels[..^1], 2]);
        using var api = nodes.Operator(Guest);

        var view = await api.WaitAsync(await api.SubmitAsync(Job, "evaluation.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("evaluation_binary", view.Job.Error, StringComparison.Ordinal);
        Assert.Contains("the label of row 14 is 2", view.Job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_the_evaluation_does_not_compute_fails_the_job_with_what_it_computes()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Host);
        SavePredictions(nodes, BinaryLabels);
        using var api = nodes.Operator(Guest);

        var view = await api.WaitAsync(await api.SubmitAsync(Job.Replace("metrics: [rmse, r2]", "metrics: [rmse, auc]", StringComparison.Ordinal), "evaluation.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("metrics names \"auc\", which regression evaluation does not compute; it computes rmse, mae, r2, explained_variance", view.Job.Error, StringComparison.Ordinal);
    }

    /// <summary>The guest's three prediction tables; the host has tables of the same names with one feature of its own.</summary>
    private static void SavePredictions(LoopbackNodes nodes, double[] binaryLabels)
    {
        var guest = TableStore.Open(nodes.Config.Party(Guest).Home!);
        guest.Save(new TableName("test", "binary"), PartyTable.Create("id", Ids, [EvaluationComponent.ScoreColumn], [BinaryScores], "y", binaryLabels));
        double[][] multiScores =
        [
            [0.7, 0.1, 0.2, 0.3, 0.6, 0.5, 0.1, 0.2, 0.3, 0.2, 0.25, 0.1],
            [0.2, 0.5, 0.2, 0.4, 0.3, 0.4, 0.1, 0.7, 0.3, 0.6, 0.25, 0.3],
            [0.1, 0.4, 0.6, 0.3, 0.1, 0.1, 0.8, 0.1, 0.4, 0.2, 0.5, 0.6],
        ];
        guest.Save(new TableName("test", "multi"), PartyTable.Create(
            "id", Ids[..12], ["predict_score_0", "predict_score_1", "predict_score_2"], multiScores, "y", [0, 1, 2, 2, 1, 0, 2, 1, 1, 0, 2, 2]));
        guest.Save(new TableName("test", "regression"), PartyTable.Create(
            "id", Ids[..8], [EvaluationComponent.ScoreColumn], [[2.5, 0.0, 2.1, 7.8, 3.9, 1.5, -0.3, 4.9]], "y", [3.0, -0.5, 2.0, 7.0, 4.2, 1.1, 0.0, 5.5]));
        var host = TableStore.Open(nodes.Config.Party(Host).Home!);
        foreach (var name in new[] { "binary", "multi", "regression" })
        {
            host.Save(new TableName("test", name), PartyTable.Create("id", Ids, ["x"], [[.. Ids.Select((_, i) => (double)i)]]));
        }
    }
}
