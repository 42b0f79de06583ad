using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.SecureBoost;
using Concord.ML.Tests.HeteroLinear;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>A guest and its hosts training SecureBoost in one process over the in-memory transport, each with a transcript.</summary>
internal sealed class SecureBoostFederation
{
    public const int GuestId = 9999;
    public const int FirstHostId = 10000;

    public required Task<SecureBoostGuestResult> Guest { get; init; }
    public required IReadOnlyList<Task<SecureBoostHostResult>> Hosts { get; init; }
    public required IReadOnlyDictionary<int, Transcript> Transcripts { get; init; }

    /// <summary>Cancels every role; <see cref="SettleAsync"/> does so on the first failure.</summary>
    public required CancellationTokenSource Cancellation { get; init; }

    /// <summary>Completes when every role has ended, with the first failure (null if none), so that a test checks the transcript whatever the outcome.</summary>
    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, .. Hosts], Cancellation);

    public static SecureBoostFederation Start(
        SecureBoostOptions options,
        GuestBoostData guest,
        IReadOnlyList<HostBoostData> hosts,
        SecureBoostModel? guestWarmStart = null,
        IReadOnlyList<HostLookupTable?>? hostWarmStarts = null,
        Func<int, SecureBoostOptions>? hostOptions = null)
    {
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromSeconds(30) });
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)]);
        var transcripts = roster.All().ToDictionary(p => p.Id, _ => new Transcript());
        var contexts = roster.All().ToDictionary(p => p, p => new FederationContext("job-sbt", p, roster, network.Join(p.Id), transcripts[p.Id]).Sub("hetero_secureboost"));
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        return new SecureBoostFederation
        {
            Guest = Task.Run(() => new SecureBoostGuest(contexts[roster.Guest], options).FitAsync(guest, guestWarmStart, ct)),
            Hosts = [.. roster.Hosts.Select((p, i) => Task.Run(() =>
                new SecureBoostHost(contexts[p], hostOptions?.Invoke(i) ?? options).FitAsync(hosts[i], hostWarmStarts?[i], ct)))],
            Transcripts = transcripts,
            Cancellation = cancellation,
        };
    }

    public static async Task<SecureBoostFederation> RunAsync(
        SecureBoostOptions options, GuestBoostData guest, IReadOnlyList<HostBoostData> hosts,
        SecureBoostModel? guestWarmStart = null, IReadOnlyList<HostLookupTable?>? hostWarmStarts = null)
    {
        var run = Start(options, guest, hosts, guestWarmStart, hostWarmStarts);
        await HeteroLinearFederation.FirstFailureAsync([run.Guest, .. run.Hosts]);
        return run;
    }

    /// <summary>The guest's trees with every host split resolved through that host's lookup table: comparable with the LocalBaseline's.</summary>
    public async Task<List<BoostTree>> ResolvedTreesAsync()
    {
        var guest = await Guest;
        var tables = (await Task.WhenAll(Hosts)).Select(h => h.Table.Splits.ToDictionary(s => s.Id)).ToList();
        return [.. guest.Model.Trees.Select(tree => new BoostTree
        {
            Output = tree.Output,
            Nodes = [.. tree.Nodes.Select(node => new TreeNode
            {
                Left = node.Left,
                Right = node.Right,
                Weight = node.Weight,
                Gain = node.Gain,
                Split = node.Split is { IsOpaque: true } rule && tables[rule.Party - 1][rule.SplitId] is var s
                    ? new SplitRule(rule.Party, s.FeatureIndex, s.Bin, s.Threshold, s.DefaultLeft)
                    : node.Split,
            })],
        })];
    }
}
