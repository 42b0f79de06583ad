using System.Diagnostics;
using System.Globalization;
using Concord.Bench.Paillier;
using Concord.Bench.Psi;
using Concord.Cli.Local;
using Concord.Data;
using Concord.Flow.Control;

namespace Concord.Cli.Commands.Bench;

internal sealed record PsiBenchmarkOptions(int Ids, double Overlap, double ReferenceSeconds, IProgress<string> Progress);

/// <summary>Where one party's PSI time went, as its component measured it.</summary>
internal sealed record PsiPartyBreakdown(int Party, string Role, double HashToGroup, double ScalarMultiplication, double Exchange, double Matching);

/// <summary>
/// One PSI run over local node processes. <see cref="IdsPerSecond"/> counts one party's ids (FATE's convention:
/// "100 million ids" is each side's size); <see cref="FloorSeconds"/> is the time libsodium alone would need on all
/// cores for this run's hash-to-group and scalar multiplications, from the reference measured in the same run.
/// </summary>
internal sealed record PsiBenchmarkResult(
    int Ids, double Overlap, int Intersection, int Cores, double TotalSeconds, double IdsPerSecond,
    IReadOnlyList<PsiPartyBreakdown> Parties, IReadOnlyList<BenchmarkFigure> Reference, double FloorSeconds,
    double TargetSeconds, bool? Met);

/// <summary>
/// <c>concord bench psi</c>: synthetic phone-number ids for a guest and a host, uploaded as CSV through
/// <see cref="LocalFederation"/>, intersected by a reader → psi job with each party in its own node process.
/// </summary>
internal static class PsiBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private static readonly TableName Ids = new("bench", "psi_ids");

    // The target: 1M ids in at most 120 s on 2 cores; other sizes are scaled linearly.
    private const double TargetSecondsPerMillion = 120;

    public static async Task<PsiBenchmarkResult> RunAsync(PsiBenchmarkOptions options, CancellationToken ct)
    {
        var progress = options.Progress;
        var folder = Directory.CreateTempSubdirectory("concord-bench-psi-").FullName;
        try
        {
            progress.Report("libsodium reference on this machine");
            var reference = RistrettoReference.Measure(options.ReferenceSeconds, progress, ct);
            await using var federation = LocalFederation.Create(folder, Guest, [Host]);
            var shared = (int)Math.Round(options.Ids * options.Overlap);
            Upload(federation, Guest, Path.Combine(folder, "guest.csv"), first: 0, options.Ids, withLabel: true, progress);
            Upload(federation, Host, Path.Combine(folder, "host.csv"), first: options.Ids - shared, options.Ids, withLabel: false, progress);
            await federation.StartAllAsync(progress.Report, ct);
            try
            {
                return await RunJobAsync(federation, options, shared, reference, ct);
            }
            finally
            {
                await federation.StopAllAsync(null);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<PsiBenchmarkResult> RunJobAsync(
        LocalFederation federation, PsiBenchmarkOptions options, int shared, IReadOnlyList<BenchmarkFigure> reference, CancellationToken ct)
    {
        using var api = federation.Operator(Guest);
        options.Progress.Report($"intersecting {options.Ids:N0} ids at each party ({shared:N0} shared)");
        var watch = Stopwatch.StartNew();
        var view = await api.WaitAsync(await api.SubmitAsync(Job, "bench-psi.yaml", ct), null, ct);
        if (view.Job.State != TaskState.Success)
        {
            throw new InvalidOperationException($"the PSI benchmark job failed: {view.Job.Error}");
        }
        var psi = view.Tasks.Where(t => t.Key.Component == "psi_0").ToList();
        var total = psi.All(t => t.StartedAt is not null && t.EndedAt is not null)
            ? (psi.Max(t => t.EndedAt!.Value) - psi.Min(t => t.StartedAt!.Value)).TotalSeconds
            : watch.Elapsed.TotalSeconds;

        var parties = new List<PsiPartyBreakdown>();
        var intersection = -1;
        foreach (var (party, role) in new[] { (Guest, "guest"), (Host, "host") })
        {
            using var own = federation.Operator(party);
            var metrics = (await own.MetricsAsync(view.Job.JobId, ct)).Single(m => m.Task.Component == "psi_0" && m.Task.Party == party).Value;
            var seconds = metrics["seconds"]!;
            parties.Add(new PsiPartyBreakdown(party, role, Seconds(seconds, "hash_to_group"), Seconds(seconds, "scalar_multiplication"),
                Seconds(seconds, "exchange"), Seconds(seconds, "matching")));
            if (party == Guest)
            {
                intersection = metrics["intersect_count"]!.GetValue<int>();
            }
        }
        if (intersection != shared)
        {
            throw new InvalidOperationException($"the PSI benchmark found {intersection} shared ids, but {shared} were generated");
        }

        var hashRate = reference.Single(f => f.Id == "from_hash").AllCores;
        var multiplyRate = reference.Single(f => f.Id == "scalarmult").AllCores;
        // Each party hashes its ids once; each set is multiplied twice (once by each party's secret).
        var floor = (2.0 * options.Ids / hashRate) + (4.0 * options.Ids / multiplyRate);
        var target = TargetSecondsPerMillion * options.Ids / 1e6;
        var met = Environment.ProcessorCount == 2 ? total <= target : (bool?)null;
        return new PsiBenchmarkResult(options.Ids, options.Overlap, intersection, Environment.ProcessorCount, total, options.Ids / total,
            parties, reference, floor, target, met);
    }

    private static double Seconds(System.Text.Json.Nodes.JsonNode seconds, string phase) => seconds[phase]!.GetValue<double>();

    private static void Upload(LocalFederation federation, int party, string file, int first, int count, bool withLabel, IProgress<string> progress)
    {
        using (var writer = new StreamWriter(file))
        {
            writer.WriteLine(withLabel ? "id,y,x0" : "id,x0");
            for (var i = first; i < first + count; i++)
            {
                // Phone-number-like string ids, as banks and telecoms join on.
                var id = string.Create(CultureInfo.InvariantCulture, $"+8613{i:D9}");
                writer.WriteLine(withLabel ? $"{id},{i % 2},{i % 7}" : $"{id},{i % 7}");
            }
        }
        var table = federation.Upload(party, file, Ids, new CsvReadOptions { LabelRequired = false });
        progress.Report($"party {party} uploaded {table.RowCount:N0} ids");
    }

    private const string Job = """
        job: { name: bench-psi, timeout: 3600, seed: 1 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: bench, name: psi_ids } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { method: ecdh, salt: bench, output: all }
        """;
}
