using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Rsa;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Psi;

namespace Concord.ML.Tests.Psi;

/// <summary>A peer that sends what the protocol does not allow: the other side stops with an error naming it.</summary>
public class PsiBadPeerTests
{
    private const int Host = PsiFederation.FirstHostId;
    private static readonly PsiOptions Rsa = PsiFederation.Options(PsiMethod.Rsa);

    [Fact]
    public async Task Bytes_that_are_not_group_elements_fail_the_guest_naming_the_host()
    {
        var error = await GuestAgainstAsync(PsiMethod.Ecdh, async host =>
        {
            var garbage = new byte[3 * 32];
            garbage.AsSpan().Fill(0xFF);
            await host.Guest.Send(EcdhPsiProtocol.HostBlindedIds, garbage);
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("host_blinded_ids", error.Message);
        Assert.Contains("not a valid ristretto255 group element", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_length_fails_the_guest_naming_the_host()
    {
        var error = await GuestAgainstAsync(PsiMethod.Ecdh, async host =>
        {
            // The first step done properly, so that only the reply is wrong.
            var own = BlindedIds.Of(["a", "b"], new PsiOptions());
            await host.Guest.Send(EcdhPsiProtocol.HostBlindedIds, own.Blinded);
            var guestIds = await host.Guest.Receive(EcdhPsiProtocol.GuestBlindedIds);
            await host.Guest.Send(EcdhPsiProtocol.DoublyBlindedGuestIds, guestIds[..32]);
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("returned 1 \"doubly_blinded_guest_ids\" for 3 ids", error.Message);
    }

    [Fact]
    public async Task An_rsa_key_shorter_than_key_bits_fails_the_guest_naming_the_host()
    {
        var weak = RsaKeyGenerator.Generate(512);
        var error = await GuestAgainstAsync(PsiMethod.Rsa, host => host.Guest.Send(RsaPsiProtocol.HostPublicKey, [weak.PublicKey.N.ToBigEndian(), weak.PublicKey.E.ToBigEndian()]));

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains($"party host:{Host}'s RSA key has 512 bits, fewer than the 1024 that key_bits asks for", error.Message);
    }

    [Fact]
    public async Task A_public_key_that_is_not_n_and_e_fails_the_guest_naming_the_host()
    {
        var error = await GuestAgainstAsync(PsiMethod.Rsa, host => host.Guest.Send(RsaPsiProtocol.HostPublicKey, [new byte[128], [3]]));

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("sent an unusable \"host_public_key\": RSA public key: the modulus must be odd", error.Message);
    }

    [Fact]
    public async Task Signatures_under_another_key_than_the_published_one_fail_the_guest_naming_the_host()
    {
        var error = await GuestAgainstAsync(PsiMethod.Rsa, async host =>
        {
            var (published, used) = (PsiFederation.RsaKey(0), PsiFederation.RsaKey(1));
            var blinded = await ReceiveBlindedAsync(host, published);
            // Kept between 1 and each modulus − 1 so that only the signature, not the range, is wrong.
            var signed = RsaBlindSignatures.Sign(used, Below(blinded, used.PublicKey));
            await host.Guest.Send(RsaPsiProtocol.SignedGuestBlindedIds, Below(signed, published.PublicKey));
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("\"signed_guest_blinded_ids\" from party host:10000 #", error.Message);
        Assert.Contains("is not a signature of the value blinded for it", error.Message);
    }

    [Fact]
    public async Task Fewer_signatures_than_blinded_ids_fail_the_guest_naming_the_host()
    {
        var error = await GuestAgainstAsync(PsiMethod.Rsa, async host =>
        {
            var key = PsiFederation.RsaKey(0);
            var blinded = await ReceiveBlindedAsync(host, key);
            await host.Guest.Send(RsaPsiProtocol.SignedGuestBlindedIds, RsaBlindSignatures.Sign(key, blinded)[..key.PublicKey.ValueBytes]);
        });

        Assert.Equal(Host, error.Party?.Id);
        Assert.Contains("\"signed_guest_blinded_ids\" from party host:10000 answers 3 blinded values with 1", error.Message);
    }

    [Fact]
    public async Task A_blinded_value_outside_the_modulus_fails_the_host_naming_the_guest()
    {
        var (contexts, _) = PsiFederation.Join(hosts: 1);
        var guest = contexts[PsiFederation.GuestId];
        var hostTask = Task.Run(() => PsiFederation.HostRole(contexts[Host], 0, PsiMethod.Rsa)(["a", "b"], Rsa));
        var key = await guest.Hosts[0].Receive(RsaPsiProtocol.HostPublicKey);
        // The modulus itself, then a valid 1: only value #0 is out of range.
        var one = new byte[key[0].Length];
        one[^1] = 1;
        await guest.Hosts.Send(RsaPsiProtocol.GuestBlindedIds, [.. key[0], .. one]);

        var error = await Assert.ThrowsAsync<FederationException>(() => hostTask);
        Assert.Equal(PsiFederation.GuestId, error.Party?.Id);
        Assert.Contains("\"guest_blinded_ids\" from party guest:9999 #0 is not a number between 1 and the modulus − 1", error.Message);
    }

    private static async Task<FederationException> GuestAgainstAsync(PsiMethod method, Func<FederationContext, Task> host)
    {
        var (contexts, _) = PsiFederation.Join(hosts: 1);
        var hostTask = Task.Run(() => host(contexts[Host]));
        var error = await Assert.ThrowsAsync<FederationException>(() =>
            PsiFederation.GuestRole(contexts[PsiFederation.GuestId], method)(["a", "b", "c"], method == PsiMethod.Rsa ? Rsa : new PsiOptions()));
        await hostTask;
        return error;
    }

    /// <summary>An RSA host's first steps done properly (its own set one digest), so that only its reply can be wrong.</summary>
    private static async Task<byte[]> ReceiveBlindedAsync(FederationContext host, RsaPrivateKey key)
    {
        await host.Guest.Send(RsaPsiProtocol.HostPublicKey, [key.PublicKey.N.ToBigEndian(), key.PublicKey.E.ToBigEndian()]);
        await host.Guest.Send(RsaPsiProtocol.HostSignatureDigests, new byte[32]);
        return await host.Guest.Receive(RsaPsiProtocol.GuestBlindedIds);
    }

    /// <summary>Each value v as (v mod (n − 1)) + 1, a number the key's signer accepts.</summary>
    private static byte[] Below(byte[] packed, RsaPublicKey key)
    {
        var width = key.ValueBytes;
        return [.. PsiTranscriptTests.Split(packed, width).SelectMany(v =>
            BigNat.FromBigInteger((new BigInteger(v, isUnsigned: true, isBigEndian: true) % (key.N.ToBigInteger() - 1)) + 1).ToBigEndian(width))];
    }
}
