using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// The aggregator of a secure sum (the guest): it masks its own vector like everyone else, adds the masked vectors
/// of every contributor, and the pairwise masks cancel, leaving the plain total and nothing about any one addend.
/// </summary>
public sealed class SecureSumAggregator(PairwiseMasks masks, IReadOnlyList<PartyRef> contributors)
{
    /// <param name="limbs">UInt128 limbs per ring element: 1 for Z_2^128, 2 for Z_2^256.</param>
    public async Task<UInt128[]> SumAsync(FederationContext ctx, Tag<UInt128[]> tag, UInt128[] own, int limbs = 1, CancellationToken ct = default)
    {
        var total = masks.Mask(own, PairwiseMasks.LabelFor(ctx, tag), limbs);
        var masked = await ctx.Group(contributors).ReceiveAll(tag, ct).ConfigureAwait(false);
        foreach (var (party, vector) in contributors.Zip(masked))
        {
            if (vector.Length != total.Length)
            {
                throw new FederationException($"party {party} sent {vector.Length} values as \"{tag.Name}\" ({ctx.Scope}), but {total.Length} were expected", party);
            }
            Ring.Add(total, vector, limbs);
        }
        return total;
    }
}
