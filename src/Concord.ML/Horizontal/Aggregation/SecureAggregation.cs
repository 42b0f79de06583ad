using Concord.Crypto.Profiling;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>The client's side of <see cref="AggregationKind.SecureAggregation"/>: its update in fixed point, masked by a <see cref="BonawitzClient"/>.</summary>
public sealed class SecureClientAggregation(HomoSettings settings) : IClientAggregation
{
    /// <summary>This client's time per phase, over every round so far (encoding included).</summary>
    public PhaseTimer Timings { get; } = new();

    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public async Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct)
    {
        var encoded = Timings.Time(Phase.Encoding, () => UpdateFixedPoint.Encode(update, settings.FractionBits, participants.Count, $"party {round.Self}"));
        using var client = new BonawitzClient(round.Sub("secagg"), participants, settings.ThresholdFor(participants.Count));
        try
        {
            await client.RunAsync(encoded, ct).ConfigureAwait(false);
        }
        finally
        {
            Timings.Add(client.Timings);
        }
    }

    public Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct) => Task.FromResult<double[]?>(null);
}

/// <summary>The arbiter's side: a <see cref="BonawitzServer"/> per round, whose unmasked total is decoded and noised (central DP) here.</summary>
public sealed class SecureArbiterAggregation(HomoSettings settings) : IArbiterAggregation
{
    /// <summary>The arbiter's time per phase, over every round so far (decoding included).</summary>
    public PhaseTimer Timings { get; } = new();

    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public async Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct)
    {
        var server = new BonawitzServer(round.Sub("secagg"), participants, settings.ThresholdFor(participants.Count), settings.RoundDeadline);
        SecureSumResult result;
        try
        {
            result = await server.SumAsync(length, ct).ConfigureAwait(false);
        }
        finally
        {
            Timings.Add(server.Timings);
        }
        if (result.Sum is null)
        {
            return new RoundSum(null, [], result.Failure);
        }
        var sum = Timings.Time(Phase.Decoding, () => UpdateFixedPoint.Decode(result.Sum, settings.FractionBits));
        if (noise is not null)
        {
            for (var j = 0; j < sum.Length; j++)
            {
                sum[j] += noise[j];
            }
        }
        return new RoundSum(sum, result.Included);
    }

    public Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct) => Task.CompletedTask;
}
