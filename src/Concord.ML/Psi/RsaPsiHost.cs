using Concord.Crypto.Profiling;
using Concord.Crypto.Rsa;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.Psi.RsaPsiProtocol;

namespace Concord.ML.Psi;

/// <summary>
/// A host's role in RSA blind-signature PSI: it makes a fresh RSA key for the run, publishes the digests of its
/// own ids' signatures, signs the guest's blinded ids, and, when every party outputs, learns which of its rows
/// are shared. The private key never leaves this class. See <see cref="RsaPsiGuest"/>.
/// </summary>
public sealed class RsaPsiHost
{
    private readonly FederationContext _ctx;
    private readonly Func<int, CancellationToken, RsaPrivateKey> _generateKey;

    public RsaPsiHost(FederationContext ctx)
        : this(ctx, (bits, ct) => RsaKeyGenerator.Generate(bits, cancellationToken: ct))
    {
    }

    /// <summary>With a key source of the caller's, so that tests can check transcripts against the key used.</summary>
    internal RsaPsiHost(FederationContext ctx, Func<int, CancellationToken, RsaPrivateKey> generateKey)
    {
        _ctx = ctx;
        _generateKey = generateKey;
    }

    /// <summary>Where this host's time went, for the benchmark's breakdown.</summary>
    public PhaseTimer Timings { get; } = new();

    public async Task<PsiResult> RunAsync(IReadOnlyList<string> ids, PsiOptions options, CancellationToken ct = default)
    {
        using var timing = Timings.Install();
        var guest = _ctx.Roster.Guest;
        var key = _generateKey(options.RsaKeyBits, ct);
        var publicKey = key.PublicKey;
        await _ctx.Guest.Send(HostPublicKey, [publicKey.N.ToBigEndian(), publicKey.E.ToBigEndian()], ct).ConfigureAwait(false);

        var own = ShuffledIds.Of(ids);
        var hashes = RsaBlindSignatures.HashIds(publicKey, own.Ids, options.SaltBytes);
        var signatures = RsaBlindSignatures.Sign(key, hashes);
        await _ctx.Guest.Send(HostSignatureDigests, RsaBlindSignatures.Digests(publicKey, signatures), ct).ConfigureAwait(false);

        var theirs = await _ctx.Guest.Receive(GuestBlindedIds, ct).ConfigureAwait(false);
        byte[] signed;
        try
        {
            signed = RsaBlindSignatures.Sign(key, theirs, $"\"{GuestBlindedIds.Name}\" from party {guest}");
        }
        catch (InvalidRsaValueException ex)
        {
            throw new FederationException(ex.Message, guest, ex);
        }
        await _ctx.Guest.Send(SignedGuestBlindedIds, signed, ct).ConfigureAwait(false);
        var rows = await PsiHostOutcome.ReceiveAsync(_ctx, ids, own, ct).ConfigureAwait(false);
        return new PsiResult(rows, ids.Count, PsiTimings.Of(Timings));
    }
}
