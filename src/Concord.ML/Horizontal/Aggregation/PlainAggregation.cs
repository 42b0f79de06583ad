using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>Updates in plaintext, as Flower and FATE do without secure aggregation: the reference the others are measured against.</summary>
public sealed class PlainAggregation(TimeSpan deadline) : IClientAggregation, IArbiterAggregation
{
    /// <summary>Client → arbiter, per round: the client's <see cref="WeightedUpdate"/> vector, unprotected.</summary>
    public static readonly Tag<double[]> PlainUpdate = new("plain_update");

    public Task SetupAsync(FederationContext ctx, CancellationToken ct) => Task.CompletedTask;

    public Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct) =>
        round.Arbiter.Send(PlainUpdate, update, ct);

    public Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct) => Task.FromResult<double[]?>(null);

    public async Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct)
    {
        var arrived = await Stragglers.ReceiveWithinAsync(round, participants, PlainUpdate, deadline, null, ct).ConfigureAwait(false);
        var sum = noise is null ? new double[length] : (double[])noise.Clone();
        foreach (var (party, vector) in arrived)
        {
            if (vector.Length != length)
            {
                throw new FederationException($"party {party} sent {vector.Length} values as \"{PlainUpdate.Name}\" ({round.Scope}), but the model takes {length}", party);
            }
            for (var j = 0; j < length; j++)
            {
                sum[j] += vector[j];
            }
        }
        return new RoundSum(sum, [.. arrived.Select(a => a.Party)], Each: [.. arrived.Select(a => a.Value)]);
    }

    public Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct) => Task.CompletedTask;
}
