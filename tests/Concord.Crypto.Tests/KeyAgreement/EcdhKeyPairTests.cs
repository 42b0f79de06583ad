using System.Security.Cryptography;
using Concord.Crypto.KeyAgreement;

namespace Concord.Crypto.Tests.KeyAgreement;

public class EcdhKeyPairTests
{
    [Fact]
    public void Public_key_is_a_P256_SubjectPublicKeyInfo_another_stack_can_read()
    {
        using var pair = EcdhKeyPair.Generate();
        using var reader = ECDiffieHellman.Create();
        reader.ImportSubjectPublicKeyInfo(pair.PublicKey, out var read);
        Assert.Equal(pair.PublicKey.Length, read);
        Assert.Equal(256, reader.KeySize);
    }

    [Fact]
    public void Both_ends_compute_the_same_raw_secret()
    {
        using var a = EcdhKeyPair.Generate();
        using var b = EcdhKeyPair.Generate();
        Assert.Equal(a.DeriveSharedSecret(b.PublicKey), b.DeriveSharedSecret(a.PublicKey));
    }

    [Fact]
    public void A_key_on_another_curve_is_rejected_by_name()
    {
        using var own = EcdhKeyPair.Generate();
        using var p384 = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP384);
        var ex = Assert.Throws<ArgumentException>(() => own.DeriveSharedSecret(p384.PublicKey.ExportSubjectPublicKeyInfo()));
        Assert.Contains("not P-256", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_and_trailing_bytes_are_rejected_not_misread()
    {
        using var own = EcdhKeyPair.Generate();
        using var peer = EcdhKeyPair.Generate();
        var garbage = Assert.Throws<ArgumentException>(() => own.DeriveSharedSecret(new byte[91]));
        Assert.Contains("not a valid P-256", garbage.Message, StringComparison.Ordinal);
        var trailing = Assert.Throws<ArgumentException>(() => own.DeriveSharedSecret([.. peer.PublicKey, 0]));
        Assert.Contains("trailing", trailing.Message, StringComparison.Ordinal);
    }
}
