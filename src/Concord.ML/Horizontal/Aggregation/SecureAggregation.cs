using Concord.Crypto.Profiling;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>
/// How rounds share the key steps of secure aggregation: the arbiter starts a batch of keys when the round's
/// participants differ from the batch's or its keys are used up, and tells the participants each round.
/// </summary>
internal static class SecureRounds
{
    /// <summary>Arbiter → participants, per round: whether keys are agreed first, and the round's key in the batch.</summary>
    public static readonly Tag<RoundKeys> Keys = new("secagg_round_keys");

    /// <summary>Keys per batch: the advertised and shared material grows with it, and a client is out of a whole batch if it misses its start.</summary>
    public static int BatchSize(HomoSettings settings) => Math.Min(settings.Rounds, 32);
}

/// <summary>The client's side of <see cref="AggregationKind.SecureAggregation"/>: its update in fixed point, masked by a <see cref="BonawitzClient"/> whose keys serve a batch of rounds.</summary>
public sealed class SecureClientAggregation(HomoSettings settings) : IClientAggregation
{
    private readonly StartedEarly<int?> _keys = new();
    private BonawitzClient? _batch;
    private bool _inBatch;

    /// <summary>This client's update in fixed point, one buffer for every round: a fresh 8 MB array per round costs more in page faults than the encoding.</summary>
    private ulong[] _encoded = [];

    /// <summary>This client's time per phase over every round so far, as the context (transport) and the masking, sharing and encoding primitives measure it.</summary>
    public PhaseTimer Timings { get; } = new();

    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public void Prepare(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct) =>
        _keys.Start(round, () => RoundKeyAsync(round, participants, ct));

    public async Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct)
    {
        using var timing = Timings.Install();
        var encoded = ReusedBuffer.Of(ref _encoded, update.Length);
        UpdateFixedPoint.Encode(update, encoded, settings.FractionBits, participants.Count, $"party {round.Self}");
        // A client the arbiter left out of the batch's keys sits out the batch's rounds.
        if (await _keys.For(round, () => RoundKeyAsync(round, participants, ct)).ConfigureAwait(false) is int index)
        {
            var scope = round.Sub("secagg");
            _ = await _batch!.SendMaskedInputAsync(scope, index, encoded, ct).ConfigureAwait(false)
                && await _batch.UnmaskAsync(scope, index, ct).ConfigureAwait(false);
        }
    }

    /// <summary>The round's key in the batch, after agreeing a new batch if the arbiter starts one; null when this client is not in the batch.</summary>
    private async Task<int?> RoundKeyAsync(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct)
    {
        using var timing = Timings.Install();
        var scope = round.Sub("secagg");
        var keys = await scope.Arbiter.Receive(SecureRounds.Keys, ct).ConfigureAwait(false);
        if (keys.NewBatch)
        {
            _batch?.Dispose();
            _batch = new BonawitzClient(scope.Sub("keys"), participants, settings.ThresholdFor(participants.Count), SecureRounds.BatchSize(settings));
            _inBatch = await _batch.AdvertiseKeysAsync(ct).ConfigureAwait(false) && await _batch.ShareKeysAsync(ct).ConfigureAwait(false);
        }
        if (_batch is null)
        {
            throw new FederationException($"secure aggregation ({scope.Scope}) at {round.Self}: the arbiter asked for key {keys.Index} before any keys were agreed", round.Roster.Arbiter);
        }
        return _inBatch ? keys.Index : null;
    }

    public Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct) => Task.FromResult<double[]?>(null);
}

/// <summary>The arbiter's side: a <see cref="BonawitzServer"/> per batch of rounds, whose unmasked totals are decoded and noised (central DP) here.</summary>
public sealed class SecureArbiterAggregation(HomoSettings settings) : IArbiterAggregation
{
    private readonly StartedEarly<(int Index, string? Failure)> _keys = new();
    private BonawitzServer? _batch;
    private IReadOnlyList<PartyRef> _batchParticipants = [];
    private int _next;

    /// <summary>The arbiter's time per phase over every round so far, as the context (transport) and the summing, unmasking and decoding primitives measure it.</summary>
    public PhaseTimer Timings { get; } = new();

    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public void Prepare(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct) =>
        _keys.Start(round, () => RoundKeyAsync(round, participants, ct));

    public async Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct)
    {
        using var timing = Timings.Install();
        var (index, failure) = await _keys.For(round, () => RoundKeyAsync(round, participants, ct)).ConfigureAwait(false);
        if (failure is not null)
        {
            return new RoundSum(null, [], failure);
        }
        var result = await _batch!.SumRoundAsync(round.Sub("secagg"), index, length, ct).ConfigureAwait(false);
        if (result.Sum is null)
        {
            return new RoundSum(null, [], result.Failure);
        }
        var sum = UpdateFixedPoint.Decode(result.Sum, settings.FractionBits);
        if (noise is not null)
        {
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += noise[j];
            }
        }
        return new RoundSum(sum, result.Included);
    }

    /// <summary>Tells the participants the round's key in the batch, first agreeing a new batch when needed; the failure when that agreement fails.</summary>
    private async Task<(int Index, string? Failure)> RoundKeyAsync(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct)
    {
        using var timing = Timings.Install();
        var scope = round.Sub("secagg");
        var size = SecureRounds.BatchSize(settings);
        var newBatch = _batch is null || _next == size || !participants.SequenceEqual(_batchParticipants);
        var index = newBatch ? 0 : _next;
        await Stragglers.SendToEachAsync(scope, participants, SecureRounds.Keys, new RoundKeys(newBatch, index), ct).ConfigureAwait(false);
        if (newBatch)
        {
            (_batch, _batchParticipants) = (new BonawitzServer(scope.Sub("keys"), participants, settings.ThresholdFor(participants.Count), settings.RoundDeadline, size), participants);
            if (await _batch.AgreeKeysAsync(ct).ConfigureAwait(false) is string failure)
            {
                _batch = null;
                return (0, $"secure aggregation ({scope.Scope}): {failure}");
            }
        }
        _next = index + 1;
        return (index, null);
    }

    public Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct) => Task.CompletedTask;
}
