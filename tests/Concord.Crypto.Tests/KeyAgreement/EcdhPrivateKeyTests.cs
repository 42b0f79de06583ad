using Concord.Crypto.KeyAgreement;

namespace Concord.Crypto.Tests.KeyAgreement;

public class EcdhPrivateKeyTests
{
    [Fact]
    public void A_key_rebuilt_from_its_private_scalar_derives_the_same_pairwise_seed()
    {
        using var alice = EcdhKeyPair.Generate();
        using var bob = EcdhKeyPair.Generate();
        using var rebuilt = EcdhKeyPair.FromPrivateKey(alice.ExportPrivateKey(), alice.PublicKey);
        Assert.Equal(alice.PublicKey, rebuilt.PublicKey);
        Assert.Equal(32, alice.ExportPrivateKey().Length);
        Assert.Equal(
            PairwiseSeed.Derive(bob, "bob", alice.PublicKey, "alice", "job", "scope"),
            PairwiseSeed.Derive(rebuilt, "alice", bob.PublicKey, "bob", "job", "scope"));
    }

    [Fact]
    public void A_private_scalar_that_does_not_match_the_public_key_is_refused()
    {
        using var alice = EcdhKeyPair.Generate();
        using var bob = EcdhKeyPair.Generate();
        Assert.Throws<ArgumentException>(() => EcdhKeyPair.FromPrivateKey(bob.ExportPrivateKey(), alice.PublicKey));
    }
}
