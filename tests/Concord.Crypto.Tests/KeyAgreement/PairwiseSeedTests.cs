using Concord.Crypto.KeyAgreement;

namespace Concord.Crypto.Tests.KeyAgreement;

public class PairwiseSeedTests
{
    [Fact]
    public void Both_ends_derive_the_same_32_byte_seed()
    {
        using var guest = EcdhKeyPair.Generate();
        using var host = EcdhKeyPair.Generate();
        var atGuest = PairwiseSeed.Derive(guest, "guest:9999", host.PublicKey, "host:10000", "job-1", "statistics");
        var atHost = PairwiseSeed.Derive(host, "host:10000", guest.PublicKey, "guest:9999", "job-1", "statistics");
        Assert.Equal(PairwiseSeed.Length, atGuest.Length);
        Assert.Equal(atGuest, atHost);
    }

    [Fact]
    public void Seeds_differ_across_pairs_jobs_and_scopes()
    {
        using var a = EcdhKeyPair.Generate();
        using var b = EcdhKeyPair.Generate();
        using var c = EcdhKeyPair.Generate();
        byte[][] seeds =
        [
            PairwiseSeed.Derive(a, "guest:1", b.PublicKey, "host:2", "job-1", "statistics"),
            PairwiseSeed.Derive(a, "guest:1", c.PublicKey, "host:3", "job-1", "statistics"),
            PairwiseSeed.Derive(b, "host:2", c.PublicKey, "host:3", "job-1", "statistics"),
            PairwiseSeed.Derive(a, "guest:1", b.PublicKey, "host:2", "job-2", "statistics"),
            PairwiseSeed.Derive(a, "guest:1", b.PublicKey, "host:2", "job-1", "homo_lr"),
            // Same keys, other names: the names are bound, not just the secret.
            PairwiseSeed.Derive(a, "guest:1", b.PublicKey, "host:4", "job-1", "statistics"),
        ];
        Assert.Equal(seeds.Length, seeds.Select(Convert.ToHexString).Distinct().Count());
    }

    [Fact]
    public void Field_boundaries_cannot_be_shifted_to_collide()
    {
        using var a = EcdhKeyPair.Generate();
        using var b = EcdhKeyPair.Generate();
        var one = PairwiseSeed.Derive(a, "p", b.PublicKey, "q", "job-1", "stats");
        var other = PairwiseSeed.Derive(a, "p", b.PublicKey, "q", "job-1s", "tats");
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void A_party_cannot_pair_with_itself()
    {
        using var a = EcdhKeyPair.Generate();
        var ex = Assert.Throws<ArgumentException>(() => PairwiseSeed.Derive(a, "host:2", a.PublicKey, "host:2", "job-1", "statistics"));
        Assert.Contains("host:2", ex.Message, StringComparison.Ordinal);
    }
}
