using Concord.Crypto.Paillier;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.ML.Correlation;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Correlation;

/// <summary>A guest and its hosts running hetero correlation in one process over the in-memory transport, each with its transcript.</summary>
internal sealed class CorrelationFederation
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    private CorrelationFederation(Task<CorrelationModel> guest, IReadOnlyList<Task<CorrelationModel>> hosts, IReadOnlyDictionary<int, Transcript> transcripts, CancellationTokenSource cancellation)
    {
        Guest = guest;
        Hosts = hosts;
        Transcripts = transcripts;
        Cancellation = cancellation;
    }

    public Task<CorrelationModel> Guest { get; }

    public IReadOnlyList<Task<CorrelationModel>> Hosts { get; }

    public IReadOnlyDictionary<int, Transcript> Transcripts { get; }

    public CancellationTokenSource Cancellation { get; }

    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, .. Hosts], Cancellation);

    /// <summary>Every role ends on its own, with every failure: for refusals each party must reach without timing out.</summary>
    public Task<AggregateException?> FailuresAsync() => ProtocolRun.EveryFailureAsync([Guest, .. Hosts]);

    public static CorrelationFederation Start(CorrelationOptions options, (NumericColumns Columns, string[] Ids) guest, params (NumericColumns Columns, string[] Ids)[] hosts) =>
        Start(options, key: null, guest, hosts);

    public static CorrelationFederation Start(CorrelationOptions options, PaillierKeyPair? key, (NumericColumns Columns, string[] Ids) guest, params (NumericColumns Columns, string[] Ids)[] hosts)
    {
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)]);
        var parties = InMemoryParties.Join(roster, "job-corr", ["feature_correlation"], TimeSpan.FromSeconds(60));
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var guestTask = Task.Run(() => new CorrelationGuest(parties.Contexts[roster.Guest], options) { Key = key }.RunAsync(guest.Columns, guest.Ids, ct));
        var hostTasks = roster.Hosts.Zip(hosts, (party, data) => Task.Run(() => new CorrelationHost(parties.Contexts[party], options).RunAsync(data.Columns, data.Ids, ct))).ToList();
        return new CorrelationFederation(guestTask, hostTasks, parties.Transcripts, cancellation);
    }
}
