using Concord.Crypto.KeyAgreement;
using Concord.Crypto.SecretSharing;
using Concord.Federation.Context;
using Concord.Federation.Recording;
using Concord.ML.SecureAggregation;

namespace Concord.ML.Tests.SecureAggregation;

/// <summary>
/// The arbiter as an honest-but-curious (or lying) adversary: from every message it received, it rebuilds each
/// secret of which it holds at least t shares, and strips from a client's masked input every mask those secrets let
/// it compute. A secret rebuilt in one round is tried in every other, so a seed or key reused across rounds shows.
/// </summary>
/// <param name="keys">The batch's key scope (the arbiter's own context for it): it binds the pairwise seeds.</param>
/// <param name="roster">The key roster the clients received: x-coordinates and public keys.</param>
/// <param name="roundOf">The round index of a scope the arbiter received unmasking shares in.</param>
internal sealed class ArbiterView(FederationContext keys, KeyRoster roster, int threshold, IReadOnlyList<TranscriptEntry> received, Func<string, int> roundOf)
{
    /// <summary>How many shares of <paramref name="owner"/>'s round-<paramref name="round"/> self-mask seed and mask key the arbiter received.</summary>
    public (int SelfSeed, int MaskKey) ShareCounts(string owner, int round) =>
        (Shares(owner, round, s => (s.SelfSeedOwners, s.SelfSeedShares)).Count, Shares(owner, round, s => (s.MaskKeyOwners, s.MaskKeyShares)).Count);

    /// <summary>
    /// What the arbiter can compute of <paramref name="owner"/>'s input in round <paramref name="round"/> (masked in
    /// <paramref name="roundScope"/>): the masked input minus the pairwise masks of every pair whose seed it can
    /// derive, minus, in turn, each self-mask seed of the owner it rebuilt in any round (the first variant strips none).
    /// </summary>
    public List<ulong[]> Residuals(string owner, int round, FederationContext roundScope)
    {
        var masked = (ulong[])received.Single(e => e.Key.Tag == "secagg_masked_input" && e.Key.Scope == roundScope.Scope && e.Key.From.ToString() == owner).Value!;
        var stripped = (ulong[])masked.Clone();
        var pairwise = new List<MaskTerm>();
        foreach (var peer in roster.Parties.Where(p => p != owner))
        {
            // The pair's seed needs either party's private mask key of this round.
            var seed = MaskKey(owner, round) is EcdhKeyPair own ? BonawitzClient.PairwiseSeedOf(keys, round, own, owner, PublicMaskKey(peer, round), peer)
                : MaskKey(peer, round) is EcdhKeyPair theirs ? BonawitzClient.PairwiseSeedOf(keys, round, theirs, peer, PublicMaskKey(owner, round), owner)
                : null;
            if (seed is not null)
            {
                pairwise.Add(new MaskTerm(seed, BonawitzClient.PairwiseLabel(roundScope), Add: !BonawitzClient.Adds(owner, peer)));
            }
        }
        MaskExpansion.Apply(stripped, pairwise);
        var residuals = new List<ulong[]> { stripped };
        for (var r = 0; r < roster.MaskKeys[0].Length; r++)
        {
            if (SelfSeed(owner, r) is byte[] selfSeed)
            {
                var residual = (ulong[])stripped.Clone();
                MaskExpansion.Apply(residual, selfSeed, BonawitzClient.SelfMaskLabel(roundScope), add: false);
                residuals.Add(residual);
            }
        }
        return residuals;
    }

    private byte[]? SelfSeed(string owner, int round) =>
        Rebuild(Shares(owner, round, s => (s.SelfSeedOwners, s.SelfSeedShares)), PairwiseSeed.Length);

    private EcdhKeyPair? MaskKey(string owner, int round)
    {
        if (Rebuild(Shares(owner, round, s => (s.MaskKeyOwners, s.MaskKeyShares)), 32) is not byte[] secret)
        {
            return null;
        }
        try
        {
            return EcdhKeyPair.FromPrivateKey(secret, PublicMaskKey(owner, round));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private byte[]? Rebuild(List<ShamirShare> shares, int length) => shares.Count >= threshold ? ShamirSharing.Combine(shares, length) : null;

    /// <summary>Every distinct share of one secret the arbiter received, in any scope of the round, with its sender's x-coordinate.</summary>
    private List<ShamirShare> Shares(string owner, int round, Func<UnmaskingShares, (string[] Owners, byte[][] Shares)> kind) =>
        [.. received.Where(e => e.Key.Tag == "secagg_unmasking_shares" && roundOf(e.Key.Scope) == round)
            .SelectMany(e =>
            {
                var (owners, shares) = kind((UnmaskingShares)e.Value!);
                var at = Array.IndexOf(owners, owner);
                return at < 0 ? [] : new[] { new ShamirShare(Array.IndexOf(roster.Parties, e.Key.From.ToString()) + 1, shares[at]) };
            })
            .DistinctBy(s => s.X)];

    private byte[] PublicMaskKey(string party, int round) => roster.MaskKeys[Array.IndexOf(roster.Parties, party)][round];
}
