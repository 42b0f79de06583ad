using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;
using Concord.Local;

namespace Concord.Cli.Commands.Run;

internal sealed record RunOutcome(string Folder, JobView Job, IReadOnlyList<MetricRecord> Metrics, double Seconds)
{
    public bool Succeeded => Job.Job.State == TaskState.Success;
}

/// <summary>The steps of <c>concord run</c>; the nodes are stopped whatever happens.</summary>
internal static class StandaloneRun
{
    public static async Task<RunOutcome> RunAsync(JobDefinition job, string jobText, string source, string jobFolder, string folder, string homeRoot, CancellationToken ct)
    {
        var progress = new StepProgress();
        var certs = StandaloneCertificates.Folder(homeRoot);
        await using var federation = LocalFederation.Create(folder, job.Roster.Guest, job.Roster.Hosts, job.Roster.Arbiter, homeRoot, standaloneCerts: certs);
        progress.Step($"parties {string.Join(", ", federation.Config.Parties.Select(p => $"{p.Id} ({p.Role.ToString().ToLowerInvariant()})"))}; config and logs in {folder}, certificates in {certs}");
        UploadNamedFiles(job, jobFolder, federation, progress);
        await federation.StartAllAsync(progress.Step, ct);

        using var api = federation.Operator(job.Roster.Guest);
        var jobId = await api.SubmitAsync(jobText, source, ct);
        progress.Step($"submitted job {jobId} to the guest, party {job.Roster.Guest}");
        var view = await TaskProgress.FollowAsync(api, jobId, ct);
        var metrics = await api.MetricsAsync(jobId, ct);
        await federation.StopAllAsync(progress.Step);
        return new RunOutcome(folder, view, metrics, progress.Elapsed.TotalSeconds);
    }

    /// <summary>Uploads the CSV files that reader components name per party, into the tables they name.</summary>
    private static void UploadNamedFiles(JobDefinition job, string jobFolder, LocalFederation federation, StepProgress progress)
    {
        foreach (var reader in job.Components.Where(c => c.Type == "reader"))
        {
            foreach (var party in reader.Parties)
            {
                var parameters = reader.ParametersFor(party);
                if (parameters.String("file") is not string file)
                {
                    continue;
                }
                var path = Path.GetFullPath(Path.Combine(jobFolder, file));
                var table = parameters["table"]!;
                var name = new TableName(table["namespace"]!.GetValue<string>(), table["name"]!.GetValue<string>());
                var label = parameters.String("label_name");
                var uploaded = federation.Upload(party, path, name, new CsvReadOptions { LabelColumn = label ?? "y", LabelRequired = label is not null });
                progress.Step($"party {party} uploaded {file} as {name}: {uploaded.RowCount} rows, {uploaded.FeatureCount} features");
            }
        }
    }
}
