using System.Globalization;
using Concord.Cli.Local;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;
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
    private static readonly TimeSpan NodeStartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<DemoOutcome> RunAsync(string folder, DemoProgress progress, CancellationToken ct)
    {
        Directory.CreateDirectory(folder);
        progress.Step($"work folder {folder}");

        var certs = Path.Combine(folder, "certs");
        FederationCertificates.Create(certs, "concord-demo", DemoScenario.Parties, TimeSpan.FromDays(1));
        progress.Step($"created a federation CA and certificates for parties {string.Join(", ", DemoScenario.Parties)} and the operator");

        var configPath = Path.Combine(folder, "parties.yaml");
        FederationConfig.Write(configPath, "concord-demo", FederationCertificates.CaCertificate(certs), DemoScenario.Parties.Select(id => new PartyEntry(
            id, id == DemoScenario.Guest ? Role.Guest : Role.Host, new Uri($"https://127.0.0.1:{LoopbackPort.Free()}"),
            FederationCertificates.PartyCertificate(certs, id), FederationCertificates.PartyKey(certs, id),
            PartyHome.Of(id.ToString(CultureInfo.InvariantCulture), folder))));
        var config = FederationConfig.Load(configPath);

        var rows = new Dictionary<int, int>();
        var locals = new List<NumericColumns>();
        foreach (var id in DemoScenario.Parties)
        {
            var table = CsvTableReader.Read(DemoScenario.DataFile(id));
            TableStore.Open(config.Party(id).Home!).Save(DemoScenario.Table, table);
            rows[id] = table.RowCount;
            locals.Add(TableColumns.Features(table));
            progress.Step($"party {id} uploaded {DemoScenario.DataFiles[id]}: {table.RowCount} rows, {table.FeatureCount} features, into its own folder");
        }

        var nodes = new List<NodeProcess>();
        using var operatorCertificate = CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(certs), FederationCertificates.OperatorKey(certs));
        var ca = CertificateFiles.LoadPublic(config.CaCertificate);
        var controls = DemoScenario.Parties.ToDictionary(id => id, id => new ControlClient(config.Party(id).Address, id, operatorCertificate, ca));
        try
        {
            var startup = progress.Elapsed;
            foreach (var id in DemoScenario.Parties)
            {
                nodes.Add(NodeProcess.Start(id, configPath, Path.Combine(folder, $"node-{id}.log")));
            }
            foreach (var node in nodes)
            {
                await node.WaitUntilHealthyAsync(controls[node.PartyId], NodeStartTimeout, ct);
                progress.Step($"party {node.PartyId}'s node is up (log: {node.LogFile})");
            }
            var startupSeconds = (progress.Elapsed - startup).TotalSeconds;

            progress.Step($"operator submits {DemoScenario.JobFile} to the guest's node; the guest hands every party the job");
            using var api = new OperatorClient(config.Party(DemoScenario.Guest).Address, DemoScenario.Guest, ca, operatorCertificate);
            var jobId = await api.SubmitAsync(await File.ReadAllTextAsync(DemoScenario.JobPath, ct), DemoScenario.JobFile, ct);
            var job = await api.WaitAsync(jobId, null, ct);
            progress.Step($"job {jobId}: {job.Job.State.ToString().ToLowerInvariant()}{(job.Job.Error is null ? "" : $": {job.Job.Error}")}");
            var metrics = await api.MetricsAsync(jobId, ct);
            var federated = metrics.FirstOrDefault(m => m.Task.Component == DemoScenario.StatisticsComponent && m.Task.Party == DemoScenario.Guest) is MetricRecord m
                ? StatisticsResult.FromJson(m.Value.ToJsonString())
                : null;
            var plaintext = LocalStatistics.Compute([.. locals]);
            progress.Step("computed the plaintext check over the pooled rows (possible only because this demo holds every party's data)");

            await StopAsync(nodes, controls, progress);
            return new DemoOutcome(folder, job, federated, plaintext, rows, startupSeconds, progress.Elapsed.TotalSeconds);
        }
        finally
        {
            foreach (var node in nodes)
            {
                await node.DisposeAsync();
            }
            foreach (var control in controls.Values)
            {
                control.Dispose();
            }
            ca.Dispose();
        }
    }

    private static async Task StopAsync(List<NodeProcess> nodes, Dictionary<int, ControlClient> controls, DemoProgress progress)
    {
        foreach (var node in nodes)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await controls[node.PartyId].ShutdownAsync(quick.Token);
            }
            catch (Exception ex) when (ex is Federation.FederationException or OperationCanceledException)
            {
                progress.Step($"party {node.PartyId} did not take the shutdown request ({ex.Message}); stopping its process");
            }
        }
        foreach (var node in nodes)
        {
            await node.StopAsync(TimeSpan.FromSeconds(10));
        }
        progress.Step("all nodes stopped");
    }
}
