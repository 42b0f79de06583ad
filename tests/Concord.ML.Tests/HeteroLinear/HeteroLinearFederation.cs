using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML.Checkpoints;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>A guest, its hosts and an arbiter training a vertical linear model in one process, each with a transcript.</summary>
internal sealed class HeteroLinearFederation
{
    public const int GuestId = 9999;
    public const int ArbiterId = 9000;
    public const int FirstHostId = 10000;

    public required Task<HeteroLinearGuestResult> Guest { get; init; }
    public required IReadOnlyList<Task<PartyLinearModel>> Hosts { get; init; }
    public required Task<IReadOnlyList<double>> Arbiter { get; init; }
    public required IReadOnlyDictionary<int, Transcript> Transcripts { get; init; }

    /// <summary>Cancels every role; <see cref="SettleAsync"/> does so on the first failure.</summary>
    public required CancellationTokenSource Cancellation { get; init; }

    public static HeteroLinearFederation Start(
        HeteroLinearSettings settings,
        GuestTrainingData guest,
        IReadOnlyList<HostTrainingData> hosts,
        Func<int, ICheckpoints>? checkpoints = null)
    {
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = TimeSpan.FromSeconds(20) });
        var roster = new Roster(GuestId, [.. hosts.Select((_, i) => FirstHostId + i)], ArbiterId);
        var transcripts = roster.All().ToDictionary(p => p.Id, _ => new Transcript());
        var contexts = roster.All().ToDictionary(p => p, p => new FederationContext("job-hetero", p, roster, network.Join(p.Id), transcripts[p.Id]).Sub("hetero_lr"));
        // Made here, one party after another, not inside the parties' concurrent tasks: callers keep them in a plain dictionary.
        var stores = roster.All().ToDictionary(p => p, p => checkpoints?.Invoke(p.Id));
        ICheckpoints? Saved(PartyRef p) => stores[p];
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        return new HeteroLinearFederation
        {
            Guest = Task.Run(() => new HeteroLinearGuest(contexts[roster.Guest], settings, Saved(roster.Guest)).FitAsync(guest, ct: ct)),
            Hosts = [.. roster.Hosts.Zip(hosts, (p, data) => Task.Run(() => new HeteroLinearHost(contexts[p], settings, Saved(p)).FitAsync(data, ct: ct)))],
            Arbiter = Task.Run(() => new HeteroLinearArbiter(contexts[roster.Arbiter!.Value], settings, Saved(roster.Arbiter!.Value)).RunAsync(ct)),
            Transcripts = transcripts,
            Cancellation = cancellation,
        };
    }

    public static async Task<HeteroLinearFederation> RunAsync(
        HeteroLinearSettings settings, GuestTrainingData guest, IReadOnlyList<HostTrainingData> hosts, Func<int, ICheckpoints>? checkpoints = null)
    {
        var run = Start(settings, guest, hosts, checkpoints);
        await FirstFailureAsync([run.Guest, run.Arbiter, .. run.Hosts]);
        return run;
    }

    /// <summary>Completes when every role has ended, with the first failure (null if none), so that a test checks the transcript whatever the outcome.</summary>
    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, Arbiter, .. Hosts], Cancellation);

    /// <summary>Completes when every role has, or rethrows the first role's failure (the others would only time out waiting for it).</summary>
    public static async Task FirstFailureAsync(IReadOnlyList<Task> roles)
    {
        var pending = roles.ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending);
            pending.Remove(done);
            if (done.IsFaulted)
            {
                // The others fail too, each waiting for the failed one; report them all, the root cause among them.
                await Task.WhenAll(pending).ContinueWith(_ => { }, TaskScheduler.Default);
                throw new AggregateException(roles.Where(r => r.IsFaulted).SelectMany(r => r.Exception!.InnerExceptions));
            }
        }
    }

    /// <summary>Guest weights followed by each host's, per model: comparable with the LocalBaseline's joined weights (intercept moved last).</summary>
    public async Task<double[][]> JoinedWeightsAsync()
    {
        var guest = (await Guest).Model;
        var hosts = await Task.WhenAll(Hosts);
        return [.. guest.Weights.Select((w, k) =>
        {
            var features = guest.HasIntercept ? w[..^1] : w;
            double[] joined = [.. features, .. hosts.SelectMany(h => h.Weights[k])];
            return guest.HasIntercept ? [.. joined, w[^1]] : joined;
        })];
    }
}
