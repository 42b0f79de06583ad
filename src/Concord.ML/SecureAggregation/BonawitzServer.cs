using System.Security.Cryptography;
using Concord.Crypto.KeyAgreement;
using Concord.Crypto.SecretSharing;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.SecureAggregation.BonawitzProtocol;

namespace Concord.ML.SecureAggregation;

/// <summary>What one secure aggregation produced: the sum of the survivors' inputs, or why it could not finish.</summary>
/// <param name="Included">U3: the clients whose inputs are in <paramref name="Sum"/>.</param>
/// <param name="Dropped">Clients that shared their keys but whose masked input did not arrive: their masks were removed, their inputs are not in the sum.</param>
public sealed record SecureSumResult(ulong[]? Sum, IReadOnlyList<PartyRef> Included, IReadOnlyList<PartyRef> Dropped, string? Failure);

/// <summary>
/// The arbiter of secure aggregation over a batch of <paramref name="rounds"/> rounds. Once per batch (in
/// <paramref name="keys"/>'s scope) it relays keys and sealed shares; each round it sums the masked inputs that
/// arrived (U3), then asks the survivors for t shares of each survivor's self-mask seed and of each dropped sharer's
/// mask key for that round only, and removes the masks. At each step it waits until every expected client has
/// answered or the deadline passes. It sees masked inputs, which are uniform, and the totals; never an input.
/// </summary>
public sealed class BonawitzServer(FederationContext keys, IReadOnlyList<PartyRef> participants, int threshold, TimeSpan deadline, int rounds = 1)
{
    private KeyRoster _roster = new([], [], []);
    private List<PartyRef> _sharers = [];

    /// <summary>Steps 0 and 1 and one round, all in the keys' scope.</summary>
    public async Task<SecureSumResult> SumAsync(int length, CancellationToken ct = default) =>
        await AgreeKeysAsync(ct).ConfigureAwait(false) is string failure ? Failed(failure) : await SumRoundAsync(keys, 0, length, ct).ConfigureAwait(false);

    /// <summary>Steps 0 and 1, once per batch: the key roster U1 and the sharers U2; returns why the batch cannot start, or null.</summary>
    public async Task<string?> AgreeKeysAsync(CancellationToken ct = default)
    {
        // Step 0: keys.
        var advertised = await Stragglers.ReceiveWithinAsync(keys, participants, PublicKeys, deadline, null, ct).ConfigureAwait(false);
        foreach (var (party, offered) in advertised)
        {
            RequireKey(party, offered.CipherKey, "share-encryption");
            if (offered.MaskKeys.Length != rounds)
            {
                throw new FederationException($"party {party} advertised {offered.MaskKeys.Length} mask keys for a batch of {rounds} rounds", party);
            }
            foreach (var maskKey in offered.MaskKeys)
            {
                RequireKey(party, maskKey, "mask");
            }
        }
        var u1 = advertised.Select(k => k.Party).ToList();
        var enough = u1.Count >= threshold;
        _roster = enough
            ? new KeyRoster([.. u1.Select(p => p.ToString())], [.. advertised.Select(k => k.Value.CipherKey)], [.. advertised.Select(k => k.Value.MaskKeys)])
            : new KeyRoster([], [], []);
        await Stragglers.SendToEachAsync(keys, participants, KeyAnnouncement, _roster, ct).ConfigureAwait(false);
        if (!enough)
        {
            return $"only {u1.Count} of {participants.Count} clients advertised keys before the deadline; the threshold is {threshold}";
        }

        // Step 1: sealed shares, relayed.
        var sealedShares = await Stragglers.ReceiveWithinAsync(keys, u1, EncryptedShares, deadline, null, ct).ConfigureAwait(false);
        foreach (var (party, shares) in sealedShares)
        {
            var expected = _roster.Parties.Where(p => p != party.ToString()).ToArray();
            if (!shares.To.SequenceEqual(expected) || shares.Envelopes.Length != expected.Length)
            {
                throw new FederationException($"party {party} sealed shares for [{string.Join(", ", shares.To)}], not for the other clients of the key roster", party);
            }
        }
        var u2 = sealedShares.Select(s => s.Party).ToList();
        enough = u2.Count >= threshold;
        var sharers = u2.Select(p => p.ToString()).ToArray();
        // Each receiver gets its own envelopes; the sends go out together, not one after another.
        await Task.WhenAll(participants.Select(receiver =>
        {
            var name = receiver.ToString();
            var relayed = enough && sharers.Contains(name)
                ? new RelayedShares(sharers, [.. sealedShares.Where(s => s.Party != receiver).Select(s => s.Value.Envelopes[Array.IndexOf(s.Value.To, name)])])
                : new RelayedShares(enough ? sharers : [], []);
            return Stragglers.SendToEachAsync(keys, [receiver], Relayed, relayed, ct);
        })).ConfigureAwait(false);
        if (!enough)
        {
            return $"only {u2.Count} clients shared their keys before the deadline; the threshold is {threshold}";
        }
        _sharers = u2;
        return null;
    }

    /// <summary>Steps 2 and 3 of round <paramref name="index"/> of the batch, in <paramref name="round"/>'s scope.</summary>
    public async Task<SecureSumResult> SumRoundAsync(FederationContext round, int index, int length, CancellationToken ct = default)
    {
        // Step 2: masked inputs.
        var masked = await Stragglers.ReceiveWithinAsync(round, _sharers, MaskedInput, deadline, null, ct).ConfigureAwait(false);
        foreach (var (party, vector) in masked)
        {
            if (vector.Length != length)
            {
                throw new FederationException($"party {party} sent {vector.Length} values as \"{MaskedInput.Name}\" ({round.Scope}), but {length} were expected", party);
            }
        }
        var u3 = masked.Select(m => m.Party).ToList();
        var enough = u3.Count >= threshold;
        await Stragglers.SendToEachAsync(round, _sharers, Survivors, new SurvivorList(enough ? [.. u3.Select(p => p.ToString())] : []), ct).ConfigureAwait(false);
        if (!enough)
        {
            return Failed($"only {u3.Count} masked inputs arrived before the deadline; the threshold is {threshold}");
        }
        var sum = new ulong[length];
        foreach (var (_, vector) in masked)
        {
            MaskExpansion.Add(sum, vector);
        }
        masked = null!;

        // Step 3: t survivors' shares of this round's secrets remove the masks.
        var responses = await Stragglers.ReceiveWithinAsync(round, u3, Unmasking, deadline, threshold, ct).ConfigureAwait(false);
        if (responses.Count < threshold)
        {
            return Failed($"only {responses.Count} survivors sent their unmasking shares before the deadline; the threshold is {threshold}");
        }
        var dropped = _sharers.Except(u3).ToList();
        foreach (var (party, response) in responses)
        {
            if (!response.SelfSeedOwners.SequenceEqual(u3.Select(p => p.ToString())) || !response.MaskKeyOwners.SequenceEqual(dropped.Select(p => p.ToString())))
            {
                throw new FederationException($"party {party} revealed shares for other clients than the survivors and the dropped", party);
            }
        }
        // Every mask to remove, expanded in one pass over the sum: each survivor's self mask, and each survivor's
        // pairwise mask with each client that dropped after sharing (with the survivor's sign, taken back out).
        var terms = new List<MaskTerm>();
        for (var i = 0; i < u3.Count; i++)
        {
            terms.Add(new MaskTerm(Combine(responses, _roster, r => r.SelfSeedShares[i], PairwiseSeed.Length, $"the self-mask seed of {u3[i]}"), BonawitzClient.SelfMaskLabel(round), Add: false));
        }
        for (var i = 0; i < dropped.Count; i++)
        {
            var name = dropped[i].ToString();
            var maskKey = MaskKeyOf(name, index);
            var secret = Combine(responses, _roster, r => r.MaskKeyShares[i], 32, $"the mask key of {name}");
            using var rebuilt = RebuildKey(secret, maskKey, dropped[i]);
            foreach (var survivor in u3)
            {
                var peer = survivor.ToString();
                var seed = BonawitzClient.PairwiseSeedOf(keys, index, rebuilt, name, MaskKeyOf(peer, index), peer);
                terms.Add(new MaskTerm(seed, BonawitzClient.PairwiseLabel(round), Add: !BonawitzClient.Adds(peer, name)));
            }
        }
        try
        {
            MaskExpansion.Apply(sum, terms);
        }
        finally
        {
            foreach (var term in terms)
            {
                CryptographicOperations.ZeroMemory(term.Seed);
            }
        }
        return new SecureSumResult(sum, u3, dropped, null);
    }

    private byte[] MaskKeyOf(string party, int index) => _roster.MaskKeys[Array.IndexOf(_roster.Parties, party)][index];

    private SecureSumResult Failed(string reason) => new(null, [], [], $"secure aggregation ({keys.Scope}): {reason}");

    private static byte[] Combine(IReadOnlyList<(PartyRef Party, UnmaskingShares Value)> responses, KeyRoster roster, Func<UnmaskingShares, byte[]> pick, int length, string what)
    {
        var shares = responses.Select(r => new ShamirShare(Array.IndexOf(roster.Parties, r.Party.ToString()) + 1, pick(r.Value))).ToList();
        try
        {
            return ShamirSharing.Combine(shares, length);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException($"the survivors' shares do not rebuild {what}: {ex.Message}");
        }
    }

    private static EcdhKeyPair RebuildKey(byte[] secret, byte[] publicKey, PartyRef owner)
    {
        try
        {
            return EcdhKeyPair.FromPrivateKey(secret, publicKey);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException($"the rebuilt mask key of {owner} does not match the key it advertised: {ex.Message}", owner);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(secret);
        }
    }

    private static void RequireKey(PartyRef party, byte[] key, string what)
    {
        try
        {
            using var probe = EcdhKeyPair.Generate();
            _ = probe.DeriveSharedSecret(key);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException($"party {party} advertised an unusable {what} key: {ex.Message}", party);
        }
    }
}
