using System.Security.Cryptography;
using System.Text.Json;
using Concord.Crypto.KeyAgreement;
using Concord.Crypto.Profiling;
using Concord.Crypto.SecretSharing;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.SecureAggregation.BonawitzProtocol;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// A client of one secure aggregation (one round): it advertises two fresh keys, Shamir-shares its mask key and
/// self-mask seed with threshold t among the clients whose keys the arbiter announced, sends its input masked by
/// its self mask and the pairwise masks it agrees with every other sharer, and finally reveals, for each survivor,
/// its share of that survivor's self-mask seed, and for each client that dropped after sharing, its share of that
/// client's mask key; never both for one client, so the arbiter can remove masks but never unmask one input.
/// The steps are separate methods so that a test can stop a client between them, as a crash would.
/// </summary>
public sealed class BonawitzClient(FederationContext round, IReadOnlyList<PartyRef> participants, int threshold) : IDisposable
{
    private readonly string _self = round.Self.ToString();
    private readonly EcdhKeyPair _cipherKey = EcdhKeyPair.Generate();
    private readonly EcdhKeyPair _maskKey = EcdhKeyPair.Generate();
    private readonly byte[] _selfSeed = RandomNumberGenerator.GetBytes(PairwiseSeed.Length);
    private KeyRoster _roster = null!;
    private string[] _sharers = [];

    /// <summary>Shares this client holds, of each sharer's secrets, by sharer (its own included).</summary>
    private readonly Dictionary<string, KeyShares> _held = new(StringComparer.Ordinal);

    /// <summary>Where this client's time went: sharing (keys, Shamir, sealing), masking (PRG expansion), waiting for the arbiter.</summary>
    public PhaseTimer Timings { get; } = new();

    private string SelfMaskLabel => $"{round.Scope}/self-mask";

    private string PairwiseLabel => $"{round.Scope}/pairwise-mask";

    /// <summary>All four steps; false when the arbiter left this client out of the round at some step.</summary>
    public async Task<bool> RunAsync(ulong[] input, CancellationToken ct = default) =>
        await AdvertiseKeysAsync(ct).ConfigureAwait(false)
        && await ShareKeysAsync(ct).ConfigureAwait(false)
        && await SendMaskedInputAsync(input, ct).ConfigureAwait(false)
        && await UnmaskAsync(ct).ConfigureAwait(false);

    /// <summary>Step 0: sends the public keys; true when this client is in the announced U1.</summary>
    public async Task<bool> AdvertiseKeysAsync(CancellationToken ct = default)
    {
        await round.Arbiter.Send(PublicKeys, new AdvertisedKeys(_cipherKey.PublicKey, _maskKey.PublicKey), ct).ConfigureAwait(false);
        _roster = await Timings.TimeAsync(Phase.Transport, () => round.Arbiter.Receive(KeyAnnouncement, ct)).ConfigureAwait(false);
        var at = Array.IndexOf(_roster.Parties, _self);
        if (at < 0)
        {
            return false;
        }
        RequireFromParticipants(_roster.Parties, "key roster");
        RequireAtLeastThreshold(_roster.Parties.Length, "clients advertised keys");
        if (!_roster.CipherKeys[at].AsSpan().SequenceEqual(_cipherKey.PublicKey) || !_roster.MaskKeys[at].AsSpan().SequenceEqual(_maskKey.PublicKey))
        {
            throw Protocol($"the arbiter announced keys for {_self} that are not this client's");
        }
        return true;
    }

    /// <summary>Step 1: seals and sends the shares; true when this client is among the announced sharers U2.</summary>
    public async Task<bool> ShareKeysAsync(CancellationToken ct = default)
    {
        var sealedShares = Timings.Time(Phase.Sharing, SealShares);
        await round.Arbiter.Send(EncryptedShares, sealedShares, ct).ConfigureAwait(false);

        var relayed = await Timings.TimeAsync(Phase.Transport, () => round.Arbiter.Receive(Relayed, ct)).ConfigureAwait(false);
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
                plaintext = ShareEnvelope.Open(_cipherKey, _self, CipherKeyOf(from), from, round.JobId, round.Scope, envelope);
            }
            catch (ArgumentException ex)
            {
                throw Protocol(ex.Message);
            }
            var shares = JsonSerializer.Deserialize<KeyShares>(plaintext) ?? throw Protocol($"the shares from {from} are empty");
            if (shares.X != ownX)
            {
                throw Protocol($"the shares from {from} are for x = {shares.X}, not this client's x = {ownX}");
            }
            _held[from] = shares;
        }
        _sharers = relayed.Sharers;
        return true;
    }

    private SealedShares SealShares()
    {
        var xs = Enumerable.Range(1, _roster.Parties.Length).ToArray();
        var maskKeyShares = ShamirSharing.Split(_maskKey.ExportPrivateKey(), threshold, xs);
        var seedShares = ShamirSharing.Split(_selfSeed, threshold, xs);
        var to = new List<string>();
        var envelopes = new List<byte[]>();
        for (var i = 0; i < _roster.Parties.Length; i++)
        {
            var shares = new KeyShares(xs[i], maskKeyShares[i].Y, seedShares[i].Y);
            if (_roster.Parties[i] == _self)
            {
                _held[_self] = shares;
                continue;
            }
            to.Add(_roster.Parties[i]);
            envelopes.Add(ShareEnvelope.Seal(_cipherKey, _self, _roster.CipherKeys[i], _roster.Parties[i], round.JobId, round.Scope, JsonSerializer.SerializeToUtf8Bytes(shares)));
        }
        return new SealedShares([.. to], [.. envelopes]);
    }

    /// <summary>Step 2: sends y = x + PRG(b) + Σ_{v after u} PRG(s_uv) − Σ_{v before u} PRG(s_uv), v over the other sharers.</summary>
    public async Task<bool> SendMaskedInputAsync(ulong[] input, CancellationToken ct = default)
    {
        var masked = Timings.Time(Phase.Masking, () => Mask(input));
        await round.Arbiter.Send(MaskedInput, masked, ct).ConfigureAwait(false);
        return true;
    }

    private ulong[] Mask(ulong[] input)
    {
        var masked = (ulong[])input.Clone();
        var terms = new List<MaskTerm> { new(_selfSeed, SelfMaskLabel, Add: true) };
        terms.AddRange(_sharers.Where(p => p != _self).Select(peer =>
            new MaskTerm(PairwiseSeed.Derive(_maskKey, _self, MaskKeyOf(peer), peer, round.JobId, round.Scope), PairwiseLabel, Adds(_self, peer))));
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

    /// <summary>Step 3: learns the survivors U3 and reveals what removes the masks; false when this client is not a survivor.</summary>
    public async Task<bool> UnmaskAsync(CancellationToken ct = default)
    {
        var survivors = await Timings.TimeAsync(Phase.Transport, () => round.Arbiter.Receive(Survivors, ct)).ConfigureAwait(false);
        if (!survivors.Parties.Contains(_self))
        {
            return false;
        }
        RequireSubset(survivors.Parties, _sharers, "survivors", "sharers");
        RequireAtLeastThreshold(survivors.Parties.Length, "clients sent masked inputs");
        var dropped = _sharers.Except(survivors.Parties).ToArray();
        var response = new UnmaskingShares(
            survivors.Parties, [.. survivors.Parties.Select(u => _held[u].SelfSeedShare)],
            dropped, [.. dropped.Select(v => _held[v].MaskKeyShare)]);
        await round.Arbiter.Send(Unmasking, response, ct).ConfigureAwait(false);
        return true;
    }

    /// <summary>Whether <paramref name="owner"/> adds (rather than subtracts) the mask it shares with <paramref name="peer"/>.</summary>
    internal static bool Adds(string owner, string peer) =>
        PairwiseMasks.Compare(PartyRef.Parse(owner), PartyRef.Parse(peer)) < 0;

    private byte[] CipherKeyOf(string party) => _roster.CipherKeys[Array.IndexOf(_roster.Parties, party)];

    private byte[] MaskKeyOf(string party) => _roster.MaskKeys[Array.IndexOf(_roster.Parties, party)];

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

    private FederationException Protocol(string message) =>
        new($"secure aggregation ({round.Scope}) at {_self}: {message}", round.Roster.Arbiter);

    public void Dispose()
    {
        _cipherKey.Dispose();
        _maskKey.Dispose();
        CryptographicOperations.ZeroMemory(_selfSeed);
    }
}
