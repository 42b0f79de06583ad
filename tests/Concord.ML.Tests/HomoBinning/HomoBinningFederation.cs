using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.ML.HomoBinning;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.HomoBinning;

/// <summary>A guest and its hosts running homo feature binning in one process, each with its own transcript.</summary>
internal sealed record HomoBinningFederation(Task<BinCuts> Guest, IReadOnlyList<Task<BinCuts>> Hosts, IReadOnlyDictionary<int, Transcript> Transcripts, CancellationTokenSource Cancellation)
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, .. Hosts], Cancellation);

    public static HomoBinningFederation Start(HomoBinningOptions options, NumericColumns guest, params NumericColumns[] hosts)
    {
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)]);
        var parties = InMemoryParties.Join(roster, "job-binning", ["homo_feature_binning"], TimeSpan.FromSeconds(30));
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        var guestTask = Task.Run(() => new HomoBinningGuest(parties.Contexts[roster.Guest]).RunAsync(guest, options, ct));
        var hostTasks = roster.Hosts.Zip(hosts, (party, data) => Task.Run(() => new HomoBinningHost(parties.Contexts[party]).RunAsync(data, ct))).ToList();
        return new HomoBinningFederation(guestTask, hostTasks, parties.Transcripts, cancellation);
    }
}
