using System.Security.Cryptography;
using System.Text.Json;
using Concord.Crypto.KeyAgreement;
using Concord.Crypto.SecretSharing;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.SecureAggregation.BonawitzProtocol;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// A client of secure aggregation over a batch of <paramref name="rounds"/> rounds. Once per batch (in
/// <paramref name="keys"/>'s scope) it advertises a share-encryption key and one fresh mask key per round, and
/// Shamir-shares with threshold t, among the clients whose keys the arbiter announced, each mask key and one fresh
/// self-mask seed per round. Each round k then sends its input masked by self-mask seed k and the pairwise masks of
/// mask key k, and reveals, for each survivor, its share of that survivor's seed k, and for each client that dropped
/// after sharing, its share of that client's mask key k; never both for one client in a round, and every key serves
/// one round only, so the arbiter can remove masks but never unmask one input, in this round or any other.
/// The steps are separate methods so that a test can stop a client between them, as a crash would.
/// </summary>
public sealed class BonawitzClient(FederationContext keys, IReadOnlyList<PartyRef> participants, int threshold, int rounds = 1) : IDisposable
{
    private readonly string _self = RequireMajority(keys, participants.Count, threshold);
    private readonly EcdhKeyPair _cipherKey = EcdhKeyPair.Generate();
    private readonly EcdhKeyPair[] _maskKeys = [.. Enumerable.Range(0, rounds).Select(_ => EcdhKeyPair.Generate())];
    private readonly byte[][] _selfSeeds = [.. Enumerable.Range(0, rounds).Select(_ => RandomNumberGenerator.GetBytes(PairwiseSeed.Length))];
    private readonly HashSet<int> _maskedRounds = [];
    private readonly HashSet<int> _unmaskedRounds = [];
    private KeyRoster _roster = null!;
    private string[] _sharers = [];

    /// <summary>The masked input of the current round, one buffer for the batch: it is sent, so it holds nothing secret.</summary>
    private ulong[] _masked = [];

    /// <summary>Shares this client holds, of each sharer's secrets, by sharer (its own included).</summary>
    private readonly Dictionary<string, KeyShares> _held = new(StringComparer.Ordinal);

    /// <summary>All four steps for one round with fresh keys, in one scope; false when the arbiter left this client out at some step.</summary>
    public async Task<bool> RunAsync(ulong[] input, CancellationToken ct = default) =>
        await AdvertiseKeysAsync(ct).ConfigureAwait(false)
        && await ShareKeysAsync(ct).ConfigureAwait(false)
        && await SendMaskedInputAsync(input, ct).ConfigureAwait(false)
        && await UnmaskAsync(ct).ConfigureAwait(false);

    /// <summary>Step 0: sends the public keys; true when this client is in the announced U1.</summary>
    public async Task<bool> AdvertiseKeysAsync(CancellationToken ct = default)
    {
        await keys.Arbiter.Send(PublicKeys, new AdvertisedKeys(_cipherKey.PublicKey, [.. _maskKeys.Select(k => k.PublicKey)]), ct).ConfigureAwait(false);
        _roster = await keys.Arbiter.Receive(KeyAnnouncement, ct).ConfigureAwait(false);
        var at = Array.IndexOf(_roster.Parties, _self);
        if (at < 0)
        {
            return false;
        }
        RequireFromParticipants(_roster.Parties, "key roster");
        RequireAtLeastThreshold(_roster.Parties.Length, "clients advertised keys");
        if (_roster.CipherKeys.Length != _roster.Parties.Length || _roster.MaskKeys.Length != _roster.Parties.Length || _roster.MaskKeys.Any(k => k.Length != rounds))
        {
            throw Protocol($"the key roster does not hold a share-encryption key and {rounds} mask keys for each of its {_roster.Parties.Length} clients");
        }
        if (!_roster.CipherKeys[at].AsSpan().SequenceEqual(_cipherKey.PublicKey) || !_roster.MaskKeys[at].Zip(_maskKeys).All(p => p.First.AsSpan().SequenceEqual(p.Second.PublicKey)))
        {
            throw Protocol($"the arbiter announced keys for {_self} that are not this client's");
        }
        return true;
    }

    /// <summary>Step 1: seals and sends the shares; true when this client is among the announced sharers U2.</summary>
    public async Task<bool> ShareKeysAsync(CancellationToken ct = default)
    {
        var sealedShares = SealShares();
        await keys.Arbiter.Send(EncryptedShares, sealedShares, ct).ConfigureAwait(false);

        var relayed = await keys.Arbiter.Receive(Relayed, ct).ConfigureAwait(false);
        if (!relayed.Sharers.Contains(_self))
        {
            return false;
        }
        RequireSubset(relayed.Sharers, _roster.Parties, "sharers", "key roster");
        RequireAtLeastThreshold(relayed.Sharers.Length, "clients shared their keys");
        var others = relayed.Sharers.Where(p => p != _self).ToArray();
        if (relayed.Envelopes.Length != others.Length)
        {
            throw Protocol($"the arbiter relayed {relayed.Envelopes.Length} envelopes from {others.Length} sharers");
        }
        var ownX = Array.IndexOf(_roster.Parties, _self) + 1;
        foreach (var (from, envelope) in others.Zip(relayed.Envelopes))
        {
            byte[] plaintext;
            try
            {
                plaintext = ShareEnvelope.Open(_cipherKey, _self, CipherKeyOf(from), from, keys.JobId, keys.Scope, envelope);
            }
            catch (ArgumentException ex)
            {
                throw Protocol(ex.Message);
            }
            var shares = JsonSerializer.Deserialize<KeyShares>(plaintext) ?? throw Protocol($"the shares from {from} are empty");
            if (shares.X != ownX || shares.MaskKeyShares.Length != rounds || shares.SelfSeedShares.Length != rounds)
            {
                throw Protocol($"the shares from {from} are for x = {shares.X} and {shares.MaskKeyShares.Length} rounds, not this client's x = {ownX} and {rounds} rounds");
            }
            _held[from] = shares;
        }
        _sharers = relayed.Sharers;
        return true;
    }

    private SealedShares SealShares()
    {
        var xs = Enumerable.Range(1, _roster.Parties.Length).ToArray();
        var maskKeyShares = _maskKeys.Select(k => ShamirSharing.Split(k.ExportPrivateKey(), threshold, xs)).ToArray();
        var seedShares = _selfSeeds.Select(s => ShamirSharing.Split(s, threshold, xs)).ToArray();
        var to = new List<string>();
        var envelopes = new List<byte[]>();
        for (var i = 0; i < _roster.Parties.Length; i++)
        {
            var shares = new KeyShares(xs[i], [.. maskKeyShares.Select(s => s[i].Y)], [.. seedShares.Select(s => s[i].Y)]);
            if (_roster.Parties[i] == _self)
            {
                _held[_self] = shares;
                continue;
            }
            to.Add(_roster.Parties[i]);
            envelopes.Add(ShareEnvelope.Seal(_cipherKey, _self, _roster.CipherKeys[i], _roster.Parties[i], keys.JobId, keys.Scope, JsonSerializer.SerializeToUtf8Bytes(shares)));
        }
        return new SealedShares([.. to], [.. envelopes]);
    }

    /// <summary>Step 2 of a one-round run, in the keys' own scope.</summary>
    public Task<bool> SendMaskedInputAsync(ulong[] input, CancellationToken ct = default) => SendMaskedInputAsync(keys, 0, input, ct);

    /// <summary>Step 2 of round <paramref name="index"/> of the batch: y = x + PRG(b_k) + Σ_{v after u} PRG(s_uv,k) − Σ_{v before u} PRG(s_uv,k), v over the other sharers.</summary>
    public async Task<bool> SendMaskedInputAsync(FederationContext round, int index, ulong[] input, CancellationToken ct = default)
    {
        // A key masks one input only: two inputs under one mask would hand out their difference.
        RequireFresh(_maskedRounds, index, "mask");
        var masked = Mask(round, index, input);
        await round.Arbiter.Send(MaskedInput, masked, ct).ConfigureAwait(false);
        return true;
    }

    private ulong[] Mask(FederationContext round, int index, ulong[] input)
    {
        var masked = ReusedBuffer.Of(ref _masked, input.Length);
        input.AsSpan().CopyTo(masked);
        var terms = new List<MaskTerm> { new(_selfSeeds[index], SelfMaskLabel(round), Add: true) };
        terms.AddRange(_sharers.Where(p => p != _self).Select(peer =>
            new MaskTerm(PairwiseSeedOf(keys, index, _maskKeys[index], _self, MaskKeyOf(peer, index), peer), PairwiseLabel(round), Adds(_self, peer))));
        try
        {
            MaskExpansion.Apply(masked, terms);
        }
        finally
        {
            foreach (var term in terms.Skip(1))
            {
                CryptographicOperations.ZeroMemory(term.Seed);
            }
        }
        return masked;
    }

    /// <summary>Step 3 of a one-round run, in the keys' own scope.</summary>
    public Task<bool> UnmaskAsync(CancellationToken ct = default) => UnmaskAsync(keys, 0, ct);

    /// <summary>Step 3 of round <paramref name="index"/>: learns the survivors U3 and reveals what removes the masks; false when this client is not a survivor.</summary>
    public async Task<bool> UnmaskAsync(FederationContext round, int index, CancellationToken ct = default)
    {
        var survivors = await round.Arbiter.Receive(Survivors, ct).ConfigureAwait(false);
        if (!survivors.Parties.Contains(_self))
        {
            return false;
        }
        RequireSubset(survivors.Parties, _sharers, "survivors", "sharers");
        RequireAtLeastThreshold(survivors.Parties.Length, "clients sent masked inputs");
        // Once per round: a second answer could name a survivor of the first among the dropped.
        RequireFresh(_unmaskedRounds, index, "unmasking");
        var dropped = _sharers.Except(survivors.Parties).ToArray();
        var response = new UnmaskingShares(
            survivors.Parties, [.. survivors.Parties.Select(u => _held[u].SelfSeedShares[index])],
            dropped, [.. dropped.Select(v => _held[v].MaskKeyShares[index])]);
        await round.Arbiter.Send(Unmasking, response, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether <paramref name="owner"/> adds (rather than subtracts) the mask it shares with <paramref name="peer"/>.</summary>
    internal static bool Adds(string owner, string peer) =>
        PairwiseMasks.Compare(PartyRef.Parse(owner), PartyRef.Parse(peer)) < 0;

    /// <summary>The seed of a pair's mask in round <paramref name="index"/> of a batch, from that round's mask keys, bound to the batch's scope.</summary>
    internal static byte[] PairwiseSeedOf(FederationContext keys, int index, EcdhKeyPair own, string ownName, byte[] peerKey, string peer) =>
        PairwiseSeed.Derive(own, ownName, peerKey, peer, keys.JobId, $"{keys.Scope}/{index}");

    /// <summary>The stream labels of a round: its scope, so that no two rounds' masks are the same stream.</summary>
    internal static string SelfMaskLabel(FederationContext round) => $"{round.Scope}/self-mask";

    internal static string PairwiseLabel(FederationContext round) => $"{round.Scope}/pairwise-mask";

    private byte[] CipherKeyOf(string party) => _roster.CipherKeys[Array.IndexOf(_roster.Parties, party)];

    private byte[] MaskKeyOf(string party, int index) => _roster.MaskKeys[Array.IndexOf(_roster.Parties, party)][index];

    private void RequireFresh(HashSet<int> used, int index, string step)
    {
        if (index < 0 || index >= rounds || !used.Add(index))
        {
            throw Protocol($"the arbiter asked for {step} with key {index} of a batch of {rounds}, which is out of range or already used");
        }
    }

    private void RequireFromParticipants(string[] parties, string what)
    {
        var names = participants.Select(p => p.ToString()).ToHashSet(StringComparer.Ordinal);
        if (parties.Any(p => !names.Contains(p)) || parties.Distinct(StringComparer.Ordinal).Count() != parties.Length)
        {
            throw Protocol($"the {what} names parties that were not picked for this round, or one twice");
        }
    }

    private void RequireSubset(string[] parties, string[] of, string what, string ofWhat)
    {
        if (parties.Except(of, StringComparer.Ordinal).Any() || parties.Distinct(StringComparer.Ordinal).Count() != parties.Length)
        {
            throw Protocol($"the arbiter's {what} are not all among the {ofWhat}");
        }
    }

    private void RequireAtLeastThreshold(int count, string what)
    {
        // Below t, the shares revealed could unmask an individual input together with what the arbiter already holds.
        if (count < threshold)
        {
            throw Protocol($"only {count} {what}, fewer than the threshold t = {threshold}");
        }
    }

    /// <summary>
    /// This client's name, once t is above half of the participants: with t ≤ n/2 an arbiter that tells two disjoint
    /// groups of t clients different survivor lists gets t shares of one client's self-mask seed from one group and t of
    /// its mask key from the other, and so its input; each client answers once per round, so t &gt; n/2 rules that out.
    /// </summary>
    private static string RequireMajority(FederationContext keys, int participants, int threshold) => 2 * threshold > participants
        ? keys.Self.ToString()
        : throw new ArgumentException(
            $"secure aggregation ({keys.Scope}) at {keys.Self}: threshold {threshold} is not above half of the {participants} participants, so a lying arbiter could unmask one client's input", nameof(threshold));

    private FederationException Protocol(string message) =>
        new($"secure aggregation ({keys.Scope}) at {_self}: {message}", keys.Roster.Arbiter);

    public void Dispose()
    {
        _cipherKey.Dispose();
        foreach (var key in _maskKeys)
        {
            key.Dispose();
        }
        foreach (var seed in _selfSeeds)
        {
            CryptographicOperations.ZeroMemory(seed);
        }
    }
}
