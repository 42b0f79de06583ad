using Concord.Federation.Parties;
using Concord.Federation.Recording;
using Concord.Federation.Transport.InMemory;
using Concord.ML.Checkpoints;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Aggregation;
using Concord.ML.Tests.HeteroLinear;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Horizontal;

/// <summary>A guest, hosts and an arbiter training a horizontal model in one process, each with a transcript.</summary>
internal sealed class HomoFederation
{
    public const int GuestId = 9999;
    public const int ArbiterId = 9000;
    public const int FirstHostId = 10000;

    public required Task<HomoArbiterResult> Arbiter { get; init; }

    /// <summary>Guest first, then the hosts.</summary>
    public required IReadOnlyList<Task<HomoClientResult>> Clients { get; init; }

    public required IReadOnlyDictionary<int, Transcript> Transcripts { get; init; }

    public required InMemoryNetwork Network { get; init; }

    /// <summary>Cancels every role; <see cref="SettleAsync"/> does so on the first failure.</summary>
    public required CancellationTokenSource Cancellation { get; init; }

    /// <summary>Completes when every role has ended, with the first failure (null if none), so that a test checks the transcript whatever the outcome.</summary>
    public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Arbiter, .. Clients], Cancellation);

    public static int ClientId(int index) => index == 0 ? GuestId : FirstHostId + index - 1;

    /// <param name="factoryFor">The factory of each client by index (0 is the guest); lets a test slow one client down.</param>
    /// <param name="validation">Each client's validate_data rows by index, null for a client without; null for none at all.</param>
    public static HomoFederation Start(
        HomoSettings settings,
        IReadOnlyList<HorizontalData> data,
        Func<int, ILocalModelFactory> factoryFor,
        bool classification = true,
        Func<int, ICheckpoints>? checkpoints = null,
        TimeSpan? receiveTimeout = null,
        Func<int, IClientAggregation, IClientAggregation>? wrapAggregation = null,
        IReadOnlyList<HorizontalData?>? validation = null)
    {
        var roster = new Roster(GuestId, [.. Enumerable.Range(1, data.Count - 1).Select(ClientId)], ArbiterId);
        var (network, contexts, transcripts) = InMemoryParties.Join(roster, "job-homo", ["homo_lr"], receiveTimeout ?? TimeSpan.FromSeconds(60));
        var arbiter = roster.Arbiter!.Value;
        IClientAggregation Wrap(int i, IClientAggregation aggregation) => wrapAggregation?.Invoke(i, aggregation) ?? aggregation;
        var clients = new[] { roster.Guest }.Concat(roster.Hosts).ToList();
        var cancellation = new CancellationTokenSource();
        var ct = cancellation.Token;
        return new HomoFederation
        {
            Arbiter = Task.Run(() => new HomoArbiter(contexts[arbiter], settings, HomoAggregations.ForArbiter(settings), factoryFor(0), checkpoints?.Invoke(arbiter.Id)).RunAsync(ct)),
            Clients = [.. clients.Select((p, i) => Task.Run(() =>
                new HomoClient(contexts[p], settings, factoryFor(i), Wrap(i, HomoAggregations.ForClient(settings)), checkpoints?.Invoke(p.Id)).FitAsync(data[i], classification, ct, validation?[i])))],
            Transcripts = transcripts,
            Network = network,
            Cancellation = cancellation,
        };
    }

    public static async Task<HomoFederation> RunAsync(
        HomoSettings settings, IReadOnlyList<HorizontalData> data, ILocalModelFactory factory, Func<int, ICheckpoints>? checkpoints = null, IReadOnlyList<HorizontalData?>? validation = null)
    {
        var run = Start(settings, data, _ => factory, checkpoints: checkpoints, validation: validation);
        await HeteroLinearFederation.FirstFailureAsync([run.Arbiter, .. run.Clients]);
        return run;
    }
}
