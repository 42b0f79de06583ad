using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Local;
using Concord.ML.Psi;

namespace Concord.Cli.Demo;

/// <summary>A model's quality and how long it took to train.</summary>
internal sealed record DemoModel(double Auc, double Ks, double Seconds);

/// <summary>One model of the demo: federated (null when the job produced no evaluation) against its plaintext LocalBaseline.</summary>
internal sealed record DemoComparison(DemoModelSpec Spec, DemoModel? Federated, DemoModel Baseline)
{
    public bool Passed => Federated is not null && Math.Abs(Federated.Auc - Baseline.Auc) <= Spec.AucTolerance;
}

/// <summary>What the demo measured: each federated model against its plaintext LocalBaseline.</summary>
/// <param name="Served">New customers scored through the serving API once the models were trained.</param>
internal sealed record DemoOutcome(string Folder, JobView Job, IReadOnlyList<DemoComparison> Models, long Intersection, double TotalSeconds, IReadOnlyList<ServedCustomer> Served)
{
    public bool Passed => Job.Job.State == TaskState.Success && Models.All(m => m.Passed) && Served.Count == DemoServing.Customers;
}

/// <summary>The demo's steps, in order; nodes are always stopped, whatever happens.</summary>
internal static class DemoRun
{
    /// <param name="whileUp">Runs with the outcome while the nodes are still up (the board's demo keeps them up in it); null stops them at once.</param>
    public static async Task<DemoOutcome> RunAsync(string folder, StepProgress progress, Func<DemoOutcome, LocalFederation, Task>? whileUp, CancellationToken ct)
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
        progress.Step($"operator submitted {DemoScenario.JobFile} (PSI → HeteroLR and SecureBoost → Evaluation) as {jobId}");
        var view = await Commands.Run.TaskProgress.FollowAsync(api, jobId, ct);
        var metrics = await api.MetricsAsync(jobId, ct);
        var served = view.Job.State == TaskState.Success ? await DemoServing.ScoreAsync(api, jobId, tableName, progress, ct) : [];
        var intersection = Metric(metrics, DemoScenario.Psi)?["intersect_count"]?.GetValue<long>() ?? 0;

        progress.Step("training the same models in plaintext on the joined data (the LocalBaselines; possible only because this demo holds both parties' data)");
        var (guest, host) = Aligned(guestTable, hostTable);
        var models = DemoScenario.Models.Select(spec =>
        {
            var evaluation = Metric(metrics, spec.Evaluation);
            var federated = evaluation is null ? null : new DemoModel(
                evaluation["auc"]!.GetValue<double>(), evaluation["ks"]!.GetValue<double>(), TaskSeconds(view, spec.Component));
            return new DemoComparison(spec, federated, DemoScenario.Baseline(spec, job, guest, host));
        }).ToList();
        var outcome = new DemoOutcome(folder, view, models, intersection, progress.Elapsed.TotalSeconds, served);
        if (whileUp is not null)
        {
            await whileUp(outcome, federation);
        }
        await federation.StopAllAsync(progress.Step);
        return outcome;
    }

    /// <summary>Both tables restricted to their shared ids in ordinal id order: the rows PSI hands the models.</summary>
    private static (PartyTable Guest, PartyTable Host) Aligned(PartyTable guest, PartyTable host)
    {
        var hostRows = host.Ids.Select((id, row) => (id, row)).ToDictionary(p => p.id, p => p.row, StringComparer.Ordinal);
        var shared = guest.Ids.Select((id, row) => (id, row)).Where(p => hostRows.ContainsKey(p.id)).OrderBy(p => p.id, StringComparer.Ordinal).ToList();
        return (RowSelection.Select(guest, [.. shared.Select(p => p.row)]), RowSelection.Select(host, [.. shared.Select(p => hostRows[p.id])]));
    }

    private static JsonNode? Metric(IEnumerable<Flow.Store.MetricRecord> metrics, string component) =>
        metrics.FirstOrDefault(m => m.Task.Component == component && m.Task.Party == DemoScenario.Guest)?.Value;

    private static double TaskSeconds(JobView view, string component) =>
        view.Tasks.Where(t => t.Key.Component == component && t.StartedAt is not null && t.EndedAt is not null)
            .Select(t => (t.EndedAt!.Value - t.StartedAt!.Value).TotalSeconds)
            .DefaultIfEmpty(double.NaN)
            .Max();
}
