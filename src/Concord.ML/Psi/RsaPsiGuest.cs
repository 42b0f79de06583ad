using Concord.Crypto.Profiling;
using Concord.Crypto.Rsa;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using static Concord.ML.Psi.RsaPsiProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// The guest's role in RSA blind-signature PSI, as FATE 1.x runs it, with one or more hosts. Each host makes an
/// RSA key and publishes SHA-256(H(y)^d) for its ids y. The guest sends H(x)·r^e for its ids x, each r fresh and
/// uniform, so the host sees values uniform modulo n; the host signs them blind, returning H(x)^d·r; the guest
/// divides r out and digests H(x)^d. Equal digests are shared ids. Without d, the guest cannot digest an id it
/// did not have signed, so a host's digests tell it nothing about the host's other ids.
/// </summary>
/// <remarks>
/// What each side learns is ECDH-PSI's leakage: the guest learns its intersection with each host and each host's
/// set size; a host learns the guest's set size and, when every party outputs, the final intersection. Unlike
/// FATE's default (128-bit r, SHA-256 as H), r is uniform modulo n and H is a full-domain hash, so the blinding
/// hides H(x) perfectly. Both sides are trusted to follow the protocol (semi-honest), as in FATE: the guest cannot
/// check that n is a product of two primes. The host's signing is the cost: two half-size exponentiations per id
/// on each side's ids, against one elliptic-curve multiplication per id and party for ECDH.
/// </remarks>
public sealed class RsaPsiGuest(FederationContext ctx)
{
    /// <summary>Where the guest's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PsiResult> RunAsync(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var own = ShuffledIds.Of(ids);
        var hosts = ctx.Roster.Hosts;
        // Blinding for every host before matching any, so that all hosts sign at the same time.
        var blinded = new BlindedForHost[hosts.Count];
        for (var h = 0; h < hosts.Count; h++)
        {
            blinded[h] = await BlindForAsync(ctx.Hosts[h], hosts[h], own, options, ct).ConfigureAwait(false);
        }
        var positions = new int[hosts.Count][];
        for (var h = 0; h < hosts.Count; h++)
        {
            positions[h] = await MatchAsync(ctx.Hosts[h], hosts[h], blinded[h], ct).ConfigureAwait(false);
        }
        var rows = await PsiGuestOutcome.SendAsync(ctx, ids, own, positions, options, ct).ConfigureAwait(false);
        return new PsiResult(rows, ids.Count, PsiTimings.Of(Timings));
    }

    private static async Task<BlindedForHost> BlindForAsync(
        PartyGroup channel, PartyRef host, ShuffledIds own, PsiOptions options, CancellationToken ct)
    {
        var key = PublicKeyOf(await channel.Receive(HostPublicKey, ct).ConfigureAwait(false), host, options);
        var hashes = RsaBlindSignatures.HashIds(key, own.Ids, options.SaltBytes);
        var blinding = RsaBlindSignatures.Blind(key, hashes);
        await channel.Send(GuestBlindedIds, blinding.Blinded, ct).ConfigureAwait(false);
        return new BlindedForHost(key, hashes, blinding);
    }

    /// <summary>For each element of the guest's list, the position of the same id in the host's list, or −1.</summary>
    private static async Task<int[]> MatchAsync(PartyGroup channel, PartyRef host, BlindedForHost blinded, CancellationToken ct)
    {
        var theirs = await channel.Receive(HostSignatureDigests, ct).ConfigureAwait(false);
        if (theirs.Length % ElementIndex.Width != 0)
        {
            throw new FederationException(
                $"party {host} sent {theirs.Length} bytes of \"{HostSignatureDigests.Name}\", not a whole number of {ElementIndex.Width}-byte digests", host);
        }
        var index = ElementIndex.Of(theirs);

        var signed = await channel.Receive(SignedGuestBlindedIds, ct).ConfigureAwait(false);
        byte[] signatures;
        try
        {
            signatures = RsaBlindSignatures.Unblind(blinded.Key, signed, blinded.Blinding, blinded.Hashes, $"\"{SignedGuestBlindedIds.Name}\" from party {host}");
        }
        catch (InvalidRsaValueException ex)
        {
            throw new FederationException(ex.Message, host, ex);
        }
        return index.Positions(RsaBlindSignatures.Digests(blinded.Key, signatures));
    }

    private static RsaPublicKey PublicKeyOf(byte[][] fields, PartyRef host, PsiOptions options)
    {
        if (fields.Length != 2)
        {
            throw new FederationException($"party {host} sent {fields.Length} numbers as \"{HostPublicKey.Name}\", not the two of (n, e)", host);
        }
        RsaPublicKey key;
        try
        {
            key = RsaPublicKey.FromBigEndian(fields[0], fields[1]);
        }
        catch (ArgumentException ex)
        {
            throw new FederationException($"party {host} sent an unusable \"{HostPublicKey.Name}\": {ex.Message}", host, ex);
        }
        return key.Bits >= options.RsaKeyBits
            ? key
            : throw new FederationException(
                $"party {host}'s RSA key has {key.Bits} bits, fewer than the {options.RsaKeyBits} that key_bits asks for", host);
    }

    /// <summary>The guest's ids as blinded for one host's key; <see cref="Blinding"/> keeps the factors to divide out.</summary>
    private sealed record BlindedForHost(RsaPublicKey Key, byte[] Hashes, RsaBlinding Blinding);
}
