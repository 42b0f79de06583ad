using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.SecureAggregation;

/// <summary>A contributor to a secure sum (a host): it sends only its masked vector, to the aggregator.</summary>
public sealed class SecureSumContributor(PairwiseMasks masks, PartyRef aggregator)
{
    /// <param name="limbs">UInt128 limbs per ring element: 1 for Z_2^128, 2 for Z_2^256; the aggregator must use the same.</param>
    public Task ContributeAsync(FederationContext ctx, Tag<UInt128[]> tag, UInt128[] values, int limbs = 1, CancellationToken ct = default) =>
        ctx.Group([aggregator]).Send(tag, masks.Mask(values, PairwiseMasks.LabelFor(ctx, tag), limbs), ct);
}
