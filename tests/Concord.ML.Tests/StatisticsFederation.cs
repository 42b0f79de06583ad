using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.Statistics;
using Concord.Tests.Shared;

namespace Concord.ML.Tests;

/// <summary>A guest and its hosts running federated statistics in one process, each with its own transcript.</summary>
internal sealed class StatisticsFederation
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    private StatisticsFederation(Task<StatisticsResult> guest, IReadOnlyList<Task> hosts, IReadOnlyDictionary<int, Transcript> transcripts, CancellationTokenSource cancellation)
    {
        Guest = guest;
        Hosts = hosts;
        Transcripts = transcripts;
        Cancellation = cancellation;
    }

    public Task<StatisticsResult> Guest { get; }

    public IReadOnlyList<Task> Hosts { get; }

    /// <summary>What each party received, by party id.</summary>
    public IReadOnlyDictionary<int, Transcript> Transcripts { get; }

    /// <summary>Cancels every role; <see cref="SettleAsync"/> does so on the first failure.</summary>
    public CancellationTokenSource Cancellation { get; }

    /// <summary>Completes when every role has ended, with the first failure (null if none), so that a test checks the transcript whatever the outcome.</summary>
    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, .. Hosts], Cancellation);

    public static StatisticsFederation Start(NumericColumns guest, params NumericColumns[] hosts)
    {
        // A protocol that waits for a message nobody sends should fail the test quickly, not in 10 minutes.
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromSeconds(30) });
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)]);
        var transcripts = roster.All().ToDictionary(p => p.Id, _ => new Transcript());
        // Everyone joins before anyone sends, as nodes are up before a job starts.
        var contexts = roster.All().ToDictionary(p => p, p => new FederationContext("job-stats", p, roster, network.Join(p.Id), transcripts[p.Id]).Sub("statistics"));

        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var guestTask = Task.Run(() => new StatisticsGuest(contexts[roster.Guest]).RunAsync(guest, ct));
        var hostTasks = roster.Hosts.Zip(hosts, (party, data) => Task.Run(() => new StatisticsHost(contexts[party]).RunAsync(data, ct))).ToList();
        return new StatisticsFederation(guestTask, hostTasks, transcripts, cancellation);
    }

    public static async Task<(StatisticsResult Result, StatisticsFederation Run)> RunAsync(NumericColumns guest, params NumericColumns[] hosts)
    {
        var run = Start(guest, hosts);
        await Task.WhenAll([run.Guest, .. run.Hosts]);
        return (await run.Guest, run);
    }
}
