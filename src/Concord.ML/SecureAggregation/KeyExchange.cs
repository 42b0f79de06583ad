using Concord.Crypto.KeyAgreement;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// Each participant sends a fresh ECDH public key to every other participant and derives one seed per pair,
/// bound to the job, this context's scope and both parties. The key pair lives for one run only; the
/// transport authenticates who sent each key (mutual TLS between nodes), so a seed is known to exactly the
/// two parties it names.
/// </summary>
public static class KeyExchange
{
    public static readonly Tag<byte[]> EcdhPublicKey = new("ecdh_public_key");

    public static async Task<PairwiseMasks> RunAsync(FederationContext ctx, IReadOnlyList<PartyRef> participants, CancellationToken ct = default)
    {
        if (!participants.Contains(ctx.Self))
        {
            throw new ArgumentException($"party {ctx.Self} is not among the participants of its own key exchange", nameof(participants));
        }
        if (participants.Count > FixedPoint.MaxParties)
        {
            throw new ArgumentException($"{participants.Count} parties could overflow a fixed-point secure sum; at most {FixedPoint.MaxParties} can take part", nameof(participants));
        }
        var peers = ctx.Group([.. participants.Where(p => p != ctx.Self).Distinct()]);
        using var own = EcdhKeyPair.Generate();
        await peers.Send(EcdhPublicKey, own.PublicKey, ct).ConfigureAwait(false);
        var theirs = await peers.ReceiveAll(EcdhPublicKey, ct).ConfigureAwait(false);
        var seeds = new Dictionary<PartyRef, byte[]>();
        foreach (var (peer, publicKey) in peers.Members.Zip(theirs))
        {
            try
            {
                seeds[peer] = PairwiseSeed.Derive(own, ctx.Self.ToString(), publicKey, peer.ToString(), ctx.JobId, ctx.Scope);
            }
            catch (ArgumentException ex)
            {
                throw new FederationException($"party {peer} sent an unusable \"{EcdhPublicKey.Name}\": {ex.Message}", peer, ex);
            }
        }
        return new PairwiseMasks(ctx.Self, seeds);
    }
}
