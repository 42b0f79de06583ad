using System.Diagnostics;
using Concord.Bench.Synthetic;
using Concord.Crypto.Profiling;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Local;
using Concord.ML;
using Concord.ML.Evaluation;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;

namespace Concord.Bench.SecureBoost;

public sealed record SecureBoostBenchmarkOptions(
    int Rows, int GuestFeatures, int HostFeatures, int Trees, int Depth, int KeyBits, int MaxBin, bool PackCandidates, Action<string> Progress);

/// <summary>Where one party's SecureBoost time went, as its component measured it (seconds), and the Paillier operations it did.</summary>
public sealed record SecureBoostPartyTimes(int Party, string Role, IReadOnlyDictionary<string, double> Seconds, IReadOnlyDictionary<string, long> Operations);

/// <summary>
/// One SecureBoost run over local node processes. <see cref="TotalSeconds"/> is the hetero_secureboost task at the
/// guest, from start to end; <see cref="BaselineSeconds"/> the plaintext LocalBaseline's training on the same data,
/// in this process, in the same run. <see cref="TransportSeconds"/> estimates the transport: what the guest spent
/// waiting beyond the host's own work. <see cref="CpuSeconds"/> is the CPU time of both node processes: the phases
/// run one after the other, each on every core, so on otherwise idle cores the run takes about CpuSeconds / cores.
/// </summary>
public sealed record SecureBoostBenchmarkResult(
    int Rows, int GuestFeatures, int HostFeatures, int Trees, int Depth, int KeyBits, int Cores,
    double TotalSeconds, double BaselineSeconds, double Ratio,
    double EncryptSeconds, double HistogramSeconds, double DecryptSeconds, double TransportSeconds, double CpuSeconds, double IdleMachineSeconds,
    IReadOnlyList<SecureBoostPartyTimes> Parties, double FederatedAuc, double BaselineAuc, double TargetSeconds, bool? Met);

/// <summary>
/// <c>concord bench secureboost</c>: synthetic credit-like data (a guest with the label and some features, a host with
/// the others), uploaded through <see cref="LocalFederation"/>, trained by a reader → hetero_secureboost → evaluation
/// job with each party in its own node process, next to the LocalBaseline trained in plaintext on the joined data.
/// </summary>
public static class SecureBoostBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const string Component = "hetero_secureboost_0";
    private static readonly TableName Table = new("bench", "secureboost");

    // The target: 30,000 rows, 13 + 10 features, 30 trees of depth 3, 1024-bit key in at most 60 s on 2 cores.
    private const double TargetSeconds = 60;

    public static async Task<SecureBoostBenchmarkResult> RunAsync(SecureBoostBenchmarkOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("concord-bench-secureboost-").FullName;
        try
        {
            var data = SyntheticData.Generate(options.Rows, options.GuestFeatures, options.HostFeatures, seed: 20240601);
            await using var federation = LocalFederation.Create(folder, Guest, [Host]);
            SyntheticUpload.Upload(federation, Guest, Table, Path.Combine(folder, "guest.csv"), data.Ids, data.Guest, data.Labels, options.Progress);
            SyntheticUpload.Upload(federation, Host, Table, Path.Combine(folder, "host.csv"), data.Ids, data.Host, null, options.Progress);
            await federation.StartAllAsync(options.Progress, ct);
            JobView view;
            IReadOnlyList<SecureBoostPartyTimes> parties;
            double federatedAuc;
            try
            {
                (view, parties, federatedAuc) = await RunJobAsync(federation, options, ct);
            }
            finally
            {
                await federation.StopAllAsync(null);
            }

            options.Progress("training the LocalBaseline in plaintext on the joined data, in this process");
            var clock = Stopwatch.StartNew();
            var baseline = LocalSecureBoostTrainer.Fit(
                [new LocalBoostParty(Guest, Columns("g", data.Guest)), new LocalBoostParty(Host, Columns("h", data.Host))], data.Labels, Options(options));
            var baselineSeconds = clock.Elapsed.TotalSeconds;
            var baselineAuc = BinaryMetrics.Evaluate(baseline.Predictions[0], data.Labels).Auc;

            var task = view.Tasks.Single(t => t.Key.Component == Component && t.Key.Party == Guest);
            var total = (task.EndedAt!.Value - task.StartedAt!.Value).TotalSeconds;
            var guest = parties.Single(p => p.Party == Guest).Seconds;
            var host = parties.Single(p => p.Party == Host).Seconds;
            var transport = Math.Max(0, guest[Phase.Transport.Name()] - host[Phase.Histogram.Name()] - host[Phase.Partition.Name()]);
            var met = Environment.ProcessorCount == 2 ? total <= TargetSeconds : (bool?)null;
            return new SecureBoostBenchmarkResult(
                options.Rows, options.GuestFeatures, options.HostFeatures, options.Trees, options.Depth, options.KeyBits, Environment.ProcessorCount,
                total, baselineSeconds, total / baselineSeconds, guest[Phase.Encrypt.Name()], host[Phase.Histogram.Name()], guest[Phase.Decrypt.Name()], transport,
                guest["cpu"] + host["cpu"], (guest["cpu"] + host["cpu"]) / Environment.ProcessorCount,
                parties, federatedAuc, baselineAuc, TargetSeconds, met);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static SecureBoostOptions Options(SecureBoostBenchmarkOptions o) => new()
    {
        NumTrees = o.Trees,
        MaxDepth = o.Depth,
        MaxBin = o.MaxBin,
        KeyBits = o.KeyBits,
        PackCandidates = o.PackCandidates,
        LearningRate = 0.3,
        Seed = 1,
    };

    private static async Task<(JobView, IReadOnlyList<SecureBoostPartyTimes>, double)> RunJobAsync(
        LocalFederation federation, SecureBoostBenchmarkOptions options, CancellationToken ct)
    {
        using var api = federation.Operator(Guest);
        options.Progress($"training {options.Trees} trees of depth {options.Depth} on {options.Rows:N0} rows, {options.GuestFeatures} guest + {options.HostFeatures} host features, {options.KeyBits}-bit key");
        var jobId = await api.SubmitAsync(Job(options), "bench-secureboost.yaml", ct);
        using var following = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var logs = FollowLogsAsync(api, jobId, options.Progress, following.Token);
        var view = await api.WaitAsync(jobId, null, ct);
        await following.CancelAsync();
        await logs;
        if (view.Job.State != TaskState.Success)
        {
            throw new InvalidOperationException($"the SecureBoost benchmark job failed: {view.Job.Error}");
        }
        var parties = new List<SecureBoostPartyTimes>();
        var auc = double.NaN;
        foreach (var (party, role) in new[] { (Guest, "guest"), (Host, "host") })
        {
            using var own = federation.Operator(party);
            var metrics = await own.MetricsAsync(jobId, ct);
            var figures = metrics.Single(m => m.Task.Component == Component && m.Task.Party == party).Value;
            parties.Add(new SecureBoostPartyTimes(party, role,
                figures["seconds"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>()),
                figures["operations"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<long>())));
            if (party == Guest)
            {
                auc = metrics.Single(m => m.Task.Component == "evaluation_0").Value["auc"]!.GetValue<double>();
            }
        }
        return (view, parties, auc);
    }

    /// <summary>Prints the guest's per-round log lines while the job runs, so a long run shows where it is; drains them at the end.</summary>
    private static async Task FollowLogsAsync(Flow.Api.OperatorClient api, string jobId, Action<string> progress, CancellationToken ct)
    {
        long after = 0;
        async Task PrintAsync(CancellationToken token)
        {
            foreach (var entry in await api.LogsAsync(jobId, Component, Guest, after, token))
            {
                after = Math.Max(after, entry.Sequence);
                if (entry.Message.StartsWith("round ", StringComparison.Ordinal))
                {
                    progress(entry.Message);
                }
            }
        }
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
                await PrintAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            await PrintAsync(CancellationToken.None);
        }
    }

    private static string Job(SecureBoostBenchmarkOptions o) => $$"""
        job: { name: bench-secureboost, timeout: 3600, seed: 1 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: {{Table.Namespace}}, name: {{Table.Name}} } }
          - name: {{Component}}
            type: hetero_secureboost
            inputs: { train_data: reader_0.data }
            parameters:
              num_trees: {{o.Trees}}
              max_depth: {{o.Depth}}
              max_bin: {{o.MaxBin}}
              learning_rate: 0.3
              key_bits: {{o.KeyBits}}
              pack_candidates: {{(o.PackCandidates ? "true" : "false")}}
          - name: evaluation_0
            type: evaluation
            inputs: { data: {{Component}}.data }
            parameters: { eval_type: binary }
        """;

    private static NumericColumns Columns(string prefix, double[][] columns) =>
        new([.. columns.Select((_, j) => $"{prefix}{j}")], columns);
}
