using System.Net;
using System.Text.Json;
using Concord.Crypto.Profiling;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Aggregation;

namespace Concord.Bench.Homo;

public sealed record HomoBenchPartyOptions(int Party, string ConfigPath, int Guest, int Arbiter, int Parameters, int Rounds);

/// <summary>One run's figures at one party: seconds per round (arbiter), seconds per phase of secure aggregation, and the CPU time the party's process used.</summary>
public sealed record HomoBenchRun(string Aggregation, double[] RoundSeconds, IReadOnlyDictionary<string, double> Phases, double CpuSeconds);

/// <summary>What one party's process reports on its last line.</summary>
public sealed record HomoBenchPartyReport(int Party, string Role, IReadOnlyList<HomoBenchRun> Runs);

/// <summary>
/// One party of <c>concord bench homo</c>, in its own process: its federation server and HTTP/2 mutual-TLS transport
/// from the bench's parties.yaml, then, once every process is up, trainings of a <see cref="SyntheticModel"/>:
/// a warm-up of each kind, then secure and plain aggregation in the order of <see cref="Schedule"/>, so that both
/// meet the same load on a shared machine.
/// </summary>
public static class HomoBenchParty
{
    public const string Ready = "ready";
    public const string Go = "go";

    public static async Task<HomoBenchPartyReport> RunAsync(HomoBenchPartyOptions options, TextReader control, TextWriter signals, CancellationToken ct)
    {
        var config = FederationConfig.Load(options.ConfigPath);
        var self = config.Party(options.Party);
        using var certificate = CertificateFiles.LoadWithKey(self.Certificate, self.Key);
        using var ca = CertificateFiles.LoadPublic(config.CaCertificate);
        var federation = new FederationOptions { ReceiveTimeout = TimeSpan.FromMinutes(30), SpoolDirectory = Path.Combine(Path.GetTempPath(), $"concord-bench-spool-{options.Party}") };
        var mailbox = new Mailbox(federation);
        await using var server = await FederationServer.StartAsync(
            new FederationServerOptions(self.Id, new IPEndPoint(IPAddress.Loopback, self.Address.Port), certificate, ca) { Admission = AdmitAll.Instance }, mailbox, ct: ct);
        await using var transport = new HttpTransport(self.Id, mailbox, config.Directory(), certificate, ca, federation);
        var hosts = config.Parties.Select(p => p.Id).Where(id => id != options.Guest && id != options.Arbiter).Order().ToList();
        var roster = new Roster(options.Guest, hosts, options.Arbiter);
        var role = options.Party == options.Arbiter ? PartyRef.Arbiter(options.Party) : options.Party == options.Guest ? PartyRef.Guest(options.Party) : PartyRef.Host(options.Party);

        await signals.WriteLineAsync(Ready);
        await signals.FlushAsync(ct);
        if (await control.ReadLineAsync(ct) != Go)
        {
            throw new InvalidOperationException("the benchmark did not say go");
        }

        var runs = new List<HomoBenchRun>();
        foreach (var (name, aggregation, rounds) in Schedule(options.Rounds))
        {
            var ctx = new FederationContext("bench-homo", role, roster, transport).Sub(name);
            var settings = new HomoSettings
            {
                Rounds = rounds,
                Aggregation = aggregation,
                MinClients = hosts.Count + 1,
                RoundDeadline = TimeSpan.FromMinutes(10),
                Seed = 1,
            };
            var factory = new SyntheticModelFactory(options.Parameters);
            var cpu = CpuSeconds();
            if (role.Role == Role.Arbiter)
            {
                var arbiterAggregation = HomoAggregations.ForArbiter(settings);
                var result = await new HomoArbiter(ctx, settings, arbiterAggregation, factory).RunAsync(ct);
                runs.Add(new HomoBenchRun(name, [.. result.Rounds.Select(r => r.Seconds)], Phases(arbiterAggregation), CpuSeconds() - cpu));
            }
            else
            {
                var clientAggregation = HomoAggregations.ForClient(settings);
                var data = new HorizontalData(["x0"], [[0.0]], [options.Party == options.Guest ? 1.0 : 0.0]);
                await new HomoClient(ctx, settings, factory, clientAggregation).FitAsync(data, classification: true, ct);
                runs.Add(new HomoBenchRun(name, [], Phases(clientAggregation), CpuSeconds() - cpu));
            }
        }
        return new HomoBenchPartyReport(options.Party, role.Role.ToWire(), runs);
    }

    /// <summary>
    /// The runs: one-round warm-ups, then trainings of <paramref name="rounds"/> rounds each, twice secure, plain,
    /// plain, secure, so that load drifting during the run falls on both alike. Whole trainings rather than single
    /// rounds, because secure aggregation agrees its keys once for a batch of rounds: each run's first round carries
    /// that cost. Four trainings of each rather than two: this shared machine's speed drifts by more than the margin
    /// measured, and twice the alternations halve what that drift leaves in the ratio.
    /// </summary>
    public static IEnumerable<(string Name, AggregationKind Aggregation, int Rounds)> Schedule(int rounds)
    {
        yield return ("warm-up-plain", AggregationKind.Plain, 1);
        yield return ("warm-up-secure", AggregationKind.SecureAggregation, 1);
        for (var pass = 0; pass < 2; pass++)
        {
            yield return ($"secure-{2 * pass}", AggregationKind.SecureAggregation, rounds);
            yield return ($"plain-{2 * pass}", AggregationKind.Plain, rounds);
            yield return ($"plain-{(2 * pass) + 1}", AggregationKind.Plain, rounds);
            yield return ($"secure-{(2 * pass) + 1}", AggregationKind.SecureAggregation, rounds);
        }
    }

    private static double CpuSeconds()
    {
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        return self.TotalProcessorTime.TotalSeconds;
    }

    private static IReadOnlyDictionary<string, double> Phases(object aggregation) => aggregation switch
    {
        SecureClientAggregation client => client.Timings.Seconds.ToDictionary(p => p.Key.Name(), p => p.Value),
        SecureArbiterAggregation arbiter => arbiter.Timings.Seconds.ToDictionary(p => p.Key.Name(), p => p.Value),
        _ => new Dictionary<string, double>(),
    };

    public static string ToJson(HomoBenchPartyReport report) => JsonSerializer.Serialize(report);

    public static HomoBenchPartyReport FromJson(string line) =>
        JsonSerializer.Deserialize<HomoBenchPartyReport>(line) ?? throw new InvalidDataException("an empty party report");
}
