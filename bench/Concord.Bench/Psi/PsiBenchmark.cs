using System.Diagnostics;
using System.Globalization;
using Concord.Bench.Paillier;
using Concord.Data;
using Concord.Flow.Control;
using Concord.Local;

namespace Concord.Bench.Psi;

/// <param name="Method">ecdh, or rsa, which also runs ecdh in the same federation as its reference.</param>
public sealed record PsiBenchmarkOptions(int Ids, double Overlap, double ReferenceSeconds, IProgress<string> Progress, string Method = "ecdh", int RsaKeyBits = 2048);

/// <summary>Where one party's PSI time went, as its component measured it.</summary>
public sealed record PsiPartyBreakdown(int Party, string Role, double Hashing, double Exponentiation, double KeyGeneration, double Exchange, double Matching);

/// <summary>
/// One method's PSI job. <see cref="IdsPerSecond"/> counts one party's ids (FATE's convention: "100 million ids" is
/// each side's size); <see cref="FloorSeconds"/> is the time the method's own primitives alone would need on all
/// cores for this run (libsodium for ECDH, libgmp's CRT signatures for RSA), from the reference measured in the same run.
/// </summary>
public sealed record PsiMethodRun(string Method, double TotalSeconds, double IdsPerSecond, double FloorSeconds, IReadOnlyList<PsiPartyBreakdown> Parties);

/// <summary>
/// One <c>concord bench psi</c>: the ECDH run, and with <c>--method rsa</c> the RSA run over the same ids and nodes,
/// with <see cref="RsaSlowdown"/>, RSA's time over ECDH's. The 120 s per million target is ECDH's.
/// </summary>
public sealed record PsiBenchmarkResult(
    int Ids, double Overlap, int Intersection, int Cores, PsiMethodRun Ecdh, PsiMethodRun? Rsa, int? RsaKeyBits, double? RsaSlowdown,
    IReadOnlyList<BenchmarkFigure> Reference, double TargetSeconds, bool? Met)
{
    /// <summary>The job of the method asked for (RSA's with <c>--method rsa</c>), under the name every bench's JSON uses.</summary>
    public double TotalSeconds => (Rsa ?? Ecdh).TotalSeconds;
}

/// <summary>
/// <c>concord bench psi</c>: synthetic phone-number ids for a guest and a host, uploaded as CSV through
/// <see cref="LocalFederation"/>, intersected by a reader → psi job with each party in its own node process.
/// </summary>
public static class PsiBenchmark
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private static readonly TableName Ids = new("bench", "psi_ids");

    // The target: 1M ids in at most 120 s on 2 cores; other sizes are scaled linearly.
    private const double TargetSecondsPerMillion = 120;

    public static async Task<PsiBenchmarkResult> RunAsync(PsiBenchmarkOptions options, CancellationToken ct)
    {
        var progress = options.Progress;
        var rsa = options.Method == "rsa";
        var folder = Directory.CreateTempSubdirectory("concord-bench-psi-").FullName;
        try
        {
            progress.Report("libsodium reference on this machine");
            IReadOnlyList<BenchmarkFigure> reference = RistrettoReference.Measure(options.ReferenceSeconds, progress, ct);
            if (rsa)
            {
                progress.Report("libgmp reference on this machine");
                reference = [.. reference, .. RsaReference.Measure(options.RsaKeyBits, options.ReferenceSeconds, progress, ct)];
            }
            await using var federation = LocalFederation.Create(folder, Guest, [Host]);
            var shared = (int)Math.Round(options.Ids * options.Overlap);
            Upload(federation, Guest, Path.Combine(folder, "guest.csv"), first: 0, options.Ids, withLabel: true, progress);
            Upload(federation, Host, Path.Combine(folder, "host.csv"), first: options.Ids - shared, options.Ids, withLabel: false, progress);
            await federation.StartAllAsync(progress.Report, ct);
            try
            {
                // Each party hashes its ids once; each set is multiplied twice (once by each party's secret).
                var ecdhFloor = (2.0 * options.Ids / Rate(reference, "from_hash")) + (4.0 * options.Ids / Rate(reference, "scalarmult"));
                var ecdh = await RunJobAsync(federation, "ecdh", options, shared, ecdhFloor, ct);
                // The host signs both sets; the guest's blinding and checking with e = 65537 cost a few percent more.
                var rsaRun = rsa ? await RunJobAsync(federation, "rsa", options, shared, 2.0 * options.Ids / Rate(reference, "rsa_sign"), ct) : null;
                var target = TargetSecondsPerMillion * options.Ids / 1e6;
                return new PsiBenchmarkResult(options.Ids, options.Overlap, shared, Environment.ProcessorCount, ecdh, rsaRun,
                    rsa ? options.RsaKeyBits : null, rsaRun?.TotalSeconds / ecdh.TotalSeconds, reference, target,
                    Environment.ProcessorCount == 2 ? ecdh.TotalSeconds <= target : null);
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

    private static double Rate(IReadOnlyList<BenchmarkFigure> reference, string id) => reference.Single(f => f.Id == id).AllCores;

    private static async Task<PsiMethodRun> RunJobAsync(
        LocalFederation federation, string method, PsiBenchmarkOptions options, int shared, double floor, CancellationToken ct)
    {
        using var api = federation.Operator(Guest);
        options.Progress.Report($"{method}: intersecting {options.Ids:N0} ids at each party ({shared:N0} shared)");
        var watch = Stopwatch.StartNew();
        var view = await api.WaitAsync(await api.SubmitAsync(Job(method, options.RsaKeyBits), $"bench-psi-{method}.yaml", ct), null, ct);
        if (view.Job.State != TaskState.Success)
        {
            throw new InvalidOperationException($"the {method} PSI benchmark job failed: {view.Job.Error}");
        }
        var psi = view.Tasks.Where(t => t.Key.Component == "psi_0").ToList();
        var total = psi.All(t => t.StartedAt is not null && t.EndedAt is not null)
            ? (psi.Max(t => t.EndedAt!.Value) - psi.Min(t => t.StartedAt!.Value)).TotalSeconds
            : watch.Elapsed.TotalSeconds;

        var parties = new List<PsiPartyBreakdown>();
        foreach (var (party, role) in new[] { (Guest, "guest"), (Host, "host") })
        {
            using var own = federation.Operator(party);
            var metrics = (await own.MetricsAsync(view.Job.JobId, ct)).Single(m => m.Task.Component == "psi_0" && m.Task.Party == party).Value;
            var seconds = metrics["seconds"]!;
            parties.Add(new PsiPartyBreakdown(party, role, Seconds(seconds, "hashing"), Seconds(seconds, "exponentiation"),
                Seconds(seconds, "key_generation"), Seconds(seconds, "exchange"), Seconds(seconds, "matching")));
            var found = metrics["intersect_count"]!.GetValue<int>();
            if (party == Guest && found != shared)
            {
                throw new InvalidOperationException($"the {method} PSI benchmark found {found} shared ids, but {shared} were generated");
            }
        }
        options.Progress.Report($"{method}: {total:F1} s");
        return new PsiMethodRun(method, total, options.Ids / total, floor, parties);
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

    private static string Job(string method, int keyBits) => $$"""
        job: { name: bench-psi-{{method}}, timeout: 7200, seed: 1 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: bench, name: psi_ids } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { method: {{method}}, key_bits: {{keyBits}}, salt: bench, output: all }
        """;
}
