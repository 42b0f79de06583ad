using System.Diagnostics;
using System.Text.Json.Nodes;
using Concord.Cli.Local;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.ML.Evaluation;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;

namespace Concord.Cli.Demo;

/// <summary>A model's quality and how long it took to train.</summary>
internal sealed record DemoModel(double Auc, double Ks, double Seconds);

/// <summary>What the demo measured: the federated pipeline against the plaintext LocalBaseline.</summary>
internal sealed record DemoOutcome(string Folder, JobView Job, DemoModel? Federated, DemoModel Baseline, long Intersection, double TotalSeconds)
{
    /// <summary>The tolerance for HeteroLR against the LocalBaseline.</summary>
    public const double AucTolerance = 0.01;

    public bool Passed => Job.Job.State == TaskState.Success && Federated is not null && Math.Abs(Federated.Auc - Baseline.Auc) <= AucTolerance;
}

/// <summary>The demo's steps, in order; nodes are always stopped, whatever happens.</summary>
internal static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(string folder, StepProgress progress, CancellationToken ct)
    {
        var job = JobFile.Load(DemoScenario.JobPath);
        var table = job.Component("reader_0").ParametersFor(DemoScenario.Guest)["table"]!;
        var tableName = new TableName(table["namespace"]!.GetValue<string>(), table["name"]!.GetValue<string>());
        await using var federation = LocalFederation.Create(folder, DemoScenario.Guest, [DemoScenario.Host], DemoScenario.Arbiter);
        progress.Step($"work folder {folder}: a federation CA, certificates for guest {DemoScenario.Guest}, host {DemoScenario.Host}, arbiter {DemoScenario.Arbiter} and the operator");

        var guestTable = federation.Upload(DemoScenario.Guest, DemoScenario.DataFile(DemoScenario.Guest), tableName);
        var hostTable = federation.Upload(DemoScenario.Host, DemoScenario.DataFile(DemoScenario.Host), tableName, new CsvReadOptions { LabelRequired = false });
        progress.Step($"the bank (guest) uploaded {guestTable.RowCount} customers with the default label and {guestTable.FeatureCount} features; the partner (host) {hostTable.RowCount} customers with {hostTable.FeatureCount} features");

        await federation.StartAllAsync(progress.Step, ct);
        using var api = federation.Operator(DemoScenario.Guest);
        var jobId = await api.SubmitAsync(await File.ReadAllTextAsync(DemoScenario.JobPath, ct), DemoScenario.JobFile, ct);
        progress.Step($"operator submitted {DemoScenario.JobFile} (PSI → HeteroLR → Evaluation) as {jobId}");
        var view = await Commands.Run.TaskProgress.FollowAsync(api, jobId, ct);
        var metrics = await api.MetricsAsync(jobId, ct);
        await federation.StopAllAsync(progress.Step);

        var evaluation = Metric(metrics, DemoScenario.Evaluation);
        var federated = evaluation is null ? null : new DemoModel(
            evaluation["auc"]!.GetValue<double>(), evaluation["ks"]!.GetValue<double>(),
            TaskSeconds(view, DemoScenario.Model));
        var intersection = Metric(metrics, DemoScenario.Psi)?["intersect_count"]?.GetValue<long>() ?? 0;

        progress.Step("training the same model in plaintext on the joined data (the LocalBaseline; possible only because this demo holds both parties' data)");
        var baseline = TrainBaseline(job, guestTable, hostTable);
        return new DemoOutcome(folder, view, federated, baseline, intersection, progress.Elapsed.TotalSeconds);
    }

    /// <summary>The federated model's options and feature preparation, applied to the pooled columns in one process.</summary>
    private static DemoModel TrainBaseline(JobDefinition job, PartyTable guest, PartyTable host)
    {
        var model = job.Component(DemoScenario.Model);
        var clock = Stopwatch.StartNew();
        var options = HeteroLinearComponent.Options(model.ParametersFor(DemoScenario.Guest), LinearTask.Logistic, job.Settings.Seed);
        // The federated run already logged any feature warnings at each party.
        var guestFeatures = HeteroLinearComponent.Features(model.ParametersFor(DemoScenario.Guest), guest, null, _ => { });
        var hostFeatures = HeteroLinearComponent.Features(model.ParametersFor(DemoScenario.Host), host, null, _ => { });
        double[][] joined = [.. guestFeatures.Columns, .. hostFeatures.Columns];
        var fit = LocalLinearTrainer.Fit(joined, guest.Labels!, options);
        var scores = LocalLinearTrainer.LinearPredictor(joined, fit.Weights[0], guest.RowCount)
            .Select(wx => Residuals.Predict(LinearTask.Logistic, wx, exposure: 1)).ToArray();
        clock.Stop();
        var evaluation = BinaryMetrics.Evaluate(scores, guest.Labels!);
        return new DemoModel(evaluation.Auc, evaluation.Ks, clock.Elapsed.TotalSeconds);
    }

    private static JsonNode? Metric(IEnumerable<Flow.Store.MetricRecord> metrics, string component) =>
        metrics.FirstOrDefault(m => m.Task.Component == component && m.Task.Party == DemoScenario.Guest)?.Value;

    private static double TaskSeconds(JobView view, string component) =>
        view.Tasks.Where(t => t.Key.Component == component && t.StartedAt is not null && t.EndedAt is not null)
            .Select(t => (t.EndedAt!.Value - t.StartedAt!.Value).TotalSeconds)
            .DefaultIfEmpty(double.NaN)
            .Max();
}
