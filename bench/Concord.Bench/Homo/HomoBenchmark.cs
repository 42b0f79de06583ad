using System.Diagnostics;
using System.Globalization;
using Concord.Local;

namespace Concord.Bench.Homo;

public sealed record HomoBenchmarkOptions(int Clients, int Parameters, int Rounds, IProgress<string> Progress);

/// <summary>Per-round seconds of one aggregation, as the arbiter timed its rounds.</summary>
public sealed record RoundTimes(double[] Seconds)
{
    public double Median
    {
        get
        {
            var sorted = Seconds.Order().ToArray();
            return sorted.Length == 0 ? double.NaN
                : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2]
                : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    public double Mean => Seconds.Average();
}

/// <summary>
/// The outcome of <c>concord bench homo</c>: secure and plain aggregation of the same model in the same processes,
/// the cost ratio (target ≤ 1.3), and where secure aggregation's time went (client and arbiter phases, per round).
/// </summary>
/// <param name="SecureCpuPerRound">CPU seconds all processes together used per secure round: unlike wall time, barely moved by other load on the machine.</param>
public sealed record HomoBenchmarkResult(
    int Clients, int Parameters, int Rounds, int Cores, RoundTimes Secure, RoundTimes Plain, double Ratio, bool Met,
    double SecureCpuPerRound, double PlainCpuPerRound, double CpuRatio, double LoadAverage,
    IReadOnlyDictionary<string, double> ClientPhasesPerRound, IReadOnlyDictionary<string, double> ArbiterPhasesPerRound, double TotalSeconds);

/// <summary>
/// <c>concord bench homo</c>: a guest, hosts and an arbiter, each its own process on loopback with its own federation
/// server and HTTP/2 mutual-TLS transport (certificates and parties.yaml as for node processes), run horizontal
/// training of a synthetic model of the given size, secure and plain aggregation rounds alternating.
/// </summary>
public static class HomoBenchmark
{
    private const int Guest = 9999;
    private const int FirstHost = 10000;
    private const double Target = 1.3;

    public static async Task<HomoBenchmarkResult> RunAsync(HomoBenchmarkOptions options, CancellationToken ct)
    {
        var folder = Directory.CreateTempSubdirectory("concord-bench-homo-").FullName;
        var clock = Stopwatch.StartNew();
        var processes = new List<(int Party, Process Process)>();
        try
        {
            var hosts = Enumerable.Range(FirstHost, options.Clients - 1).ToList();
            var arbiter = FirstHost + options.Clients + 100;
            await using (var federation = LocalFederation.Create(folder, Guest, hosts, arbiter))
            {
                foreach (var party in new[] { arbiter, Guest }.Concat(hosts))
                {
                    processes.Add((party, Start(party, federation.ConfigPath, arbiter, options)));
                }
                options.Progress.Report($"started {processes.Count} party processes (arbiter {arbiter}, guest {Guest}, hosts {hosts[0]}..{hosts[^1]}); config in {folder}");
                foreach (var (party, process) in processes)
                {
                    var line = await process.StandardOutput.ReadLineAsync(ct);
                    if (line != HomoBenchParty.Ready)
                    {
                        throw new InvalidOperationException($"party {party}'s process did not start: {line ?? await process.StandardError.ReadToEndAsync(ct)}");
                    }
                }
                options.Progress.Report($"every party is listening; trainings of {options.Rounds} rounds, twice secure, plain, plain, secure, of {options.Parameters:N0} parameters");
                foreach (var (_, process) in processes)
                {
                    await process.StandardInput.WriteLineAsync(HomoBenchParty.Go.AsMemory(), ct);
                    await process.StandardInput.FlushAsync(ct);
                }
                var reports = new List<HomoBenchPartyReport>();
                foreach (var (party, process) in processes)
                {
                    var output = await process.StandardOutput.ReadToEndAsync(ct);
                    await process.WaitForExitAsync(ct);
                    if (process.ExitCode != 0)
                    {
                        throw new InvalidOperationException($"party {party}'s process failed (exit {process.ExitCode}): {await process.StandardError.ReadToEndAsync(ct)}");
                    }
                    reports.Add(HomoBenchParty.FromJson(output.TrimEnd().Split('\n')[^1]));
                }
                return Summarise(options, reports, clock.Elapsed.TotalSeconds);
            }
        }
        finally
        {
            foreach (var (_, process) in processes)
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }
                process.Dispose();
            }
            Directory.Delete(folder, recursive: true);
        }
    }

    private static Process Start(int party, string config, int arbiter, HomoBenchmarkOptions options)
    {
        var info = SelfExecutable.StartInfo(
        [
            "bench", "homo-party", "--party", Text(party), "--config", config, "--guest", Text(Guest), "--arbiter", Text(arbiter),
            "--params", Text(options.Parameters), "--rounds", Text(options.Rounds),
        ]);
        info.RedirectStandardInput = true;
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start party {party}'s process");
    }

    private static HomoBenchmarkResult Summarise(HomoBenchmarkOptions options, IReadOnlyList<HomoBenchPartyReport> reports, double total)
    {
        IEnumerable<HomoBenchRun> Runs(HomoBenchPartyReport report, string kind) => report.Runs.Where(r => r.Aggregation.StartsWith(kind + "-", StringComparison.Ordinal));
        var arbiter = reports.Single(r => r.Role == "arbiter");
        var secure = new RoundTimes([.. Runs(arbiter, "secure").SelectMany(r => r.RoundSeconds)]);
        var plain = new RoundTimes([.. Runs(arbiter, "plain").SelectMany(r => r.RoundSeconds)]);
        // Means, not medians: the key agreement in each secure training's first round is part of secure aggregation's cost.
        var ratio = secure.Mean / plain.Mean;
        var secureRounds = secure.Seconds.Length;
        var clients = reports.Where(r => r.Role != "arbiter").Select(r => Sum(Runs(r, "secure"))).ToList();
        var clientPhases = clients.SelectMany(p => p.Keys).Distinct().ToDictionary(k => k, k => clients.Average(p => p.GetValueOrDefault(k)) / secureRounds);
        var arbiterPhases = Sum(Runs(arbiter, "secure")).ToDictionary(p => p.Key, p => p.Value / secureRounds);
        double Cpu(string kind) => reports.Sum(r => Runs(r, kind).Sum(run => run.CpuSeconds)) / (kind == "secure" ? secureRounds : plain.Seconds.Length);
        var (secureCpu, plainCpu) = (Cpu("secure"), Cpu("plain"));
        return new HomoBenchmarkResult(options.Clients, options.Parameters, options.Rounds, Environment.ProcessorCount, secure, plain, ratio, ratio <= Target,
            secureCpu, plainCpu, secureCpu / plainCpu, LoadAverage(), clientPhases, arbiterPhases, total);
    }

    private static Dictionary<string, double> Sum(IEnumerable<HomoBenchRun> runs) =>
        runs.SelectMany(r => r.Phases).GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.Sum(p => p.Value));

    /// <summary>The one-minute load average (Linux), to say how busy the machine was; NaN where unknown.</summary>
    private static double LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            return double.NaN;
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
