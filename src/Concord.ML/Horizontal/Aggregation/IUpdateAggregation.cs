using Concord.Federation.Context;
using Concord.Federation.Parties;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>The client's side of one way of summing the round's <see cref="WeightedUpdate"/> vectors.</summary>
public interface IClientAggregation
{
    /// <summary>Once before the first round, at every client (e.g. the Paillier key reaching the clients).</summary>
    Task SetupAsync(FederationContext ctx, CancellationToken ct);

    /// <summary>
    /// As soon as the round's participants are known, before the global model arrives and the local training runs:
    /// starts what the round needs that does not depend on the update (secure aggregation's key agreement), so that it
    /// overlaps them. <see cref="ContributeAsync"/> waits for it, and does it itself when nobody started it.
    /// </summary>
    void Prepare(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct)
    {
    }

    /// <summary>Sends this client's vector into the round's sum; returns when this client's part of the protocol is done.</summary>
    Task ContributeAsync(FederationContext round, IReadOnlyList<PartyRef> participants, double[] update, CancellationToken ct);

    /// <summary>
    /// At every client after each successful round: the sum, where the clients rather than the arbiter learn it
    /// (Paillier); null where the arbiter holds the global model and broadcasts it.
    /// </summary>
    /// <param name="included">How many updates the sum holds, as the arbiter's round outcome said.</param>
    Task<double[]?> ReceiveSumAsync(FederationContext round, int length, int included, CancellationToken ct);
}

/// <summary>The arbiter's side: the sum of the vectors of the participants that answered in time.</summary>
public interface IArbiterAggregation
{
    Task SetupAsync(FederationContext ctx, CancellationToken ct);

    /// <summary>The arbiter's side of <see cref="IClientAggregation.Prepare"/>: right after the round's plan went out, while the global model is sent.</summary>
    void Prepare(FederationContext round, IReadOnlyList<PartyRef> participants, CancellationToken ct)
    {
    }

    /// <param name="noise">Central-DP noise to add to the sum (length of the vectors), or null.</param>
    Task<RoundSum> SumAsync(FederationContext round, IReadOnlyList<PartyRef> participants, int length, double[]? noise, CancellationToken ct);

    /// <summary>After a successful round: hands the sum to the clients where only they can read it.</summary>
    Task PublishAsync(FederationContext round, IReadOnlyList<PartyRef> clients, CancellationToken ct);
}

/// <summary>A round's sum: the plaintext (null when the arbiter cannot read it), whose vectors it includes, or why the round failed.</summary>
/// <param name="Each">Each included vector, in the order of <paramref name="Included"/>, where the arbiter sees them (plain aggregation only).</param>
public sealed record RoundSum(double[]? Sum, IReadOnlyList<PartyRef> Included, string? Failure = null, IReadOnlyList<double[]>? Each = null);
