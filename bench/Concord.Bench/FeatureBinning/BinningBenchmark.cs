using System.Diagnostics;
using Concord.Bench.Synthetic;
using Concord.Crypto.Profiling;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Local;
using Concord.ML;
using Concord.ML.FeatureBinning;
using Concord.ML.LocalBaseline;

namespace Concord.Bench.FeatureBinning;

public sealed record BinningBenchmarkOptions(int Rows, int GuestFeatures, int HostFeatures, int Bins, int KeyBits, Action<string> Progress);

/// <summary>Where one party's binning time went (seconds per phase, as its component measured it, and its process's CPU seconds).</summary>
public sealed record BinningPartyTimes(int Party, string Role, IReadOnlyDictionary<string, double> Seconds);

/// <summary>
/// One hetero_feature_binning run over two node processes. <see cref="TotalSeconds"/> is the component's task at the
/// guest from start to end; <see cref="BaselineSeconds"/> is plaintext binning of the joined table (same cut points,
/// WOE and IV of every column) in this process, in the same run. The breakdown: the guest's key generation and label
/// encryption, the host's encrypted sums per bin, the guest's decryption, cut points at both parties, and transport:
/// what the guest spent waiting beyond the host's own work.
/// </summary>
public sealed record BinningBenchmarkResult(
    int Rows, int GuestFeatures, int HostFeatures, int Bins, int KeyBits, int Cores,
    double TotalSeconds, double BaselineSeconds, double Ratio,
    double KeyGenerationSeconds, double EncryptSeconds, double HostSumSeconds, double DecryptSeconds, double TransportSeconds, double CutPointSeconds,
    double CpuSeconds, IReadOnlyList<BinningPartyTimes> Parties, double MaxIvDifference, double TargetSeconds, bool? Met);

/// <summary>
/// <c>concord bench binning</c>: synthetic credit-like data (a guest with the label and some columns, a host with the
/// others) uploaded through <see cref="LocalFederation"/>, binned by a reader → hetero_feature_binning job with each
/// party in its own node process, next to <see cref="LocalFeatureBinning"/> on the joined data; the IVs must agree.
/// </summary>
public static class BinningBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const string Component = "hetero_feature_binning_0";
    private static readonly TableName Table = new("bench", "binning");

    // The target: 100,000 rows, 30 + 300 columns, 10 bins, 1024-bit key in at most 34 s on 2 cores.
    private const double TargetSeconds = 34;

    public static async Task<BinningBenchmarkResult> RunAsync(BinningBenchmarkOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("concord-bench-binning-").FullName;
        try
        {
            var data = SyntheticData.Generate(options.Rows, options.GuestFeatures, options.HostFeatures, seed: 20241206);
            await using var federation = LocalFederation.Create(folder, Guest, [Host]);
            SyntheticUpload.Upload(federation, Guest, Table, Path.Combine(folder, "guest.csv"), data.Ids, data.Guest, data.Labels, options.Progress);
            SyntheticUpload.Upload(federation, Host, Table, Path.Combine(folder, "host.csv"), data.Ids, data.Host, null, options.Progress);
            await federation.StartAllAsync(options.Progress, ct);
            JobView view;
            IReadOnlyList<BinningPartyTimes> parties;
            Dictionary<string, double> ivs;
            try
            {
                (view, parties, ivs) = await RunJobAsync(federation, options, ct);
            }
            finally
            {
                await federation.StopAllAsync(null);
            }

            options.Progress("binning the joined data in plaintext, in this process");
            var joined = new NumericColumns(
                [.. data.Guest.Select((_, j) => $"g{j}"), .. data.Host.Select((_, j) => $"h{j}")], [.. data.Guest, .. data.Host]);
            var clock = Stopwatch.StartNew();
            var baseline = LocalFeatureBinning.Run(joined, data.Labels, new FeatureBinningOptions { BinNum = options.Bins });
            var baselineSeconds = clock.Elapsed.TotalSeconds;
            var difference = baseline.Select((t, c) => Math.Abs(t.Iv - ivs[c < data.Guest.Length ? t.Column : AnonymousColumns.Id(Host, c - data.Guest.Length)])).Max();

            var task = view.Tasks.Single(t => t.Key.Component == Component && t.Key.Party == Guest);
            var total = (task.EndedAt!.Value - task.StartedAt!.Value).TotalSeconds;
            var guest = parties.Single(p => p.Party == Guest).Seconds;
            var host = parties.Single(p => p.Party == Host).Seconds;
            var transport = Math.Max(0, guest[Phase.Transport.Name()] - host[Phase.Histogram.Name()] - host[Phase.Plaintext.Name()]);
            var met = Environment.ProcessorCount == 2 ? total <= TargetSeconds : (bool?)null;
            return new BinningBenchmarkResult(
                options.Rows, options.GuestFeatures, options.HostFeatures, options.Bins, options.KeyBits, Environment.ProcessorCount,
                total, baselineSeconds, total / baselineSeconds,
                guest[Phase.KeyGeneration.Name()], guest[Phase.Encrypt.Name()], host[Phase.Histogram.Name()], guest[Phase.Decrypt.Name()], transport,
                guest[Phase.Plaintext.Name()] + host[Phase.Plaintext.Name()], guest["cpu"] + host["cpu"], parties, difference, TargetSeconds, met);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<(JobView, IReadOnlyList<BinningPartyTimes>, Dictionary<string, double>)> RunJobAsync(
        LocalFederation federation, BinningBenchmarkOptions options, CancellationToken ct)
    {
        using var api = federation.Operator(Guest);
        options.Progress($"binning {options.Rows:N0} rows, {options.GuestFeatures} guest + {options.HostFeatures} host columns, {options.Bins} bins, {options.KeyBits}-bit key");
        var jobId = await api.SubmitAsync(Job(options), "bench-binning.yaml", ct);
        var view = await api.WaitAsync(jobId, null, ct);
        if (view.Job.State != TaskState.Success)
        {
            throw new InvalidOperationException($"the binning benchmark job failed: {view.Job.Error}");
        }
        var parties = new List<BinningPartyTimes>();
        var ivs = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (party, role) in new[] { (Guest, "guest"), (Host, "host") })
        {
            using var own = federation.Operator(party);
            var metrics = await own.MetricsAsync(jobId, ct);
            var figures = metrics.Single(m => m.Task.Component == Component && m.Task.Party == party).Value;
            parties.Add(new BinningPartyTimes(party, role, figures["seconds"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>())));
            if (party == Guest)
            {
                foreach (var (column, iv) in figures["iv"]!.AsObject())
                {
                    ivs[column] = iv!.GetValue<double>();
                }
            }
        }
        return (view, parties, ivs);
    }

    private static string Job(BinningBenchmarkOptions o) => $$"""
        job: { name: bench-binning, timeout: 3600, seed: 1 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: {{Table.Namespace}}, name: {{Table.Name}} } }
          - name: {{Component}}
            type: hetero_feature_binning
            inputs: { data: reader_0.data }
            parameters: { bin_num: {{o.Bins}}, key_bits: {{o.KeyBits}}, transform_method: woe }
        """;
}
