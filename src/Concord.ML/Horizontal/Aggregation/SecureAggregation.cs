using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>The client's side of <see cref="AggregationKind.SecureAggregation"/>: its update in fixed point, masked by a <see cref="BonawitzClient"/>.</summary>
public sealed class SecureClientAggregation(HomoSettings settings) : IClientAggregation
{
    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public async Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct)
    {
        var encoded = UpdateFixedPoint.Encode(update, settings.FractionBits, participants.Count, $"party {round.Self}");
        using var client = new BonawitzClient(round.Sub("secagg"), participants, settings.ThresholdFor(participants.Count));
        await client.RunAsync(encoded, ct).ConfigureAwait(false);
    }

    public Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct) => Task.FromResult<double[]?>(null);
}

/// <summary>The arbiter's side: a <see cref="BonawitzServer"/> per round, whose unmasked total is decoded and noised (central DP) here.</summary>
public sealed class SecureArbiterAggregation(HomoSettings settings) : IArbiterAggregation
{
    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public async Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct)
    {
        var server = new BonawitzServer(round.Sub("secagg"), participants, settings.ThresholdFor(participants.Count), settings.RoundDeadline);
        var result = await server.SumAsync(length, ct).ConfigureAwait(false);
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

    public Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct) => Task.CompletedTask;
}
