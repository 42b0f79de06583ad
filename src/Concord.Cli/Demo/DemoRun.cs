using Concord.Cli.Local;
using Concord.Flow.Api;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Concord.ML;
using Concord.ML.Statistics;

namespace Concord.Cli.Demo;

/// <summary>What the demo measured: the federated result, the plaintext check, and how long each part took.</summary>
internal sealed record DemoOutcome(
    string Folder,
    JobView Job,
    StatisticsResult? Federated,
    StatisticsResult Plaintext,
    IReadOnlyDictionary<int, int> RowsPerParty,
    double StartupSeconds,
    double TotalSeconds)
{
    public bool Passed => Job.Job.State == TaskState.Success && Federated is not null && DemoComparison.Agrees(Federated, Plaintext);

    public double JobSeconds => Job.Job.StartedAt is DateTimeOffset start && Job.Job.EndedAt is DateTimeOffset end ? (end - start).TotalSeconds : double.NaN;
}

/// <summary>The demo's steps, in order; nodes are always stopped, whatever happens.</summary>
internal static class DemoRun
{
    public static async Task<DemoOutcome> RunAsync(string folder, StepProgress progress, CancellationToken ct)
    {
        await using var federation = LocalFederation.Create(folder, DemoScenario.Guest, DemoScenario.Hosts);
        progress.Step($"work folder {folder}: a federation CA, certificates for parties {string.Join(", ", DemoScenario.Parties)} and the operator, parties.yaml");

        var rows = new Dictionary<int, int>();
        var locals = new List<NumericColumns>();
        foreach (var id in DemoScenario.Parties)
        {
            var table = federation.Upload(id, DemoScenario.DataFile(id), DemoScenario.Table);
            rows[id] = table.RowCount;
            locals.Add(TableColumns.Features(table));
            progress.Step($"party {id} uploaded {DemoScenario.DataFiles[id]}: {table.RowCount} rows, {table.FeatureCount} features, into its own folder");
        }

        var startup = progress.Elapsed;
        await federation.StartAllAsync(progress.Step, ct);
        var startupSeconds = (progress.Elapsed - startup).TotalSeconds;

        progress.Step($"operator submits {DemoScenario.JobFile} to the guest's node; the guest hands every party the job");
        using var api = federation.Operator(DemoScenario.Guest);
        var jobId = await api.SubmitAsync(await File.ReadAllTextAsync(DemoScenario.JobPath, ct), DemoScenario.JobFile, ct);
        var job = await api.WaitAsync(jobId, null, ct);
        progress.Step($"job {jobId}: {job.Job.State.ToString().ToLowerInvariant()}{(job.Job.Error is null ? "" : $": {job.Job.Error}")}");
        var metrics = await api.MetricsAsync(jobId, ct);
        var federated = metrics.FirstOrDefault(m => m.Task.Component == DemoScenario.StatisticsComponent && m.Task.Party == DemoScenario.Guest) is MetricRecord m
            ? StatisticsResult.FromJson(m.Value.ToJsonString())
            : null;
        var plaintext = LocalStatistics.Compute([.. locals]);
        progress.Step("computed the plaintext check over the pooled rows (possible only because this demo holds every party's data)");

        await federation.StopAllAsync(progress.Step);
        return new DemoOutcome(folder, job, federated, plaintext, rows, startupSeconds, progress.Elapsed.TotalSeconds);
    }
}
