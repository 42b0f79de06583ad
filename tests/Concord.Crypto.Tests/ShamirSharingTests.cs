using Concord.Crypto.SecretSharing;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class ShamirSharingTests
{
    private static readonly FsCheck.Arbitrary<(byte[] Secret, int Threshold, int Count, int Seed)> Cases =
        (from length in Gen.Choose(0, ShamirSharing.MaxSecretBytes)
         from secret in Gen.ArrayOf(Gen.Choose(0, 255).Select(b => (byte)b), length)
         from count in Gen.Choose(1, 12)
         from threshold in Gen.Choose(1, count)
         from seed in Gen.Choose(0, int.MaxValue)
         select (secret, threshold, count, seed)).ToArbitrary();

    [Fact]
    public void Any_threshold_many_shares_give_the_secret_back() =>
        PropertyCheck.Run(FsCheck.Fluent.Prop.ForAll(Cases, c =>
        {
            var xs = Enumerable.Range(1, c.Count).Select(i => (i * 7) + 3).ToArray();
            var shares = ShamirSharing.Split(c.Secret, c.Threshold, xs);
            var subset = shares.OrderBy(_ => new Random(c.Seed).Next()).Take(c.Threshold + new Random(c.Seed).Next(0, c.Count - c.Threshold + 1)).ToList();
            return ShamirSharing.Combine(subset, c.Secret.Length).SequenceEqual(c.Secret);
        }), tests: 200);

    /// <summary>Twenty x-coordinates near 2^31: the Lagrange products (about 600 bits) exceed p before they are reduced.</summary>
    [Fact]
    public void Large_x_coordinates_and_many_shares_give_the_secret_back()
    {
        var secret = Enumerable.Range(0, ShamirSharing.MaxSecretBytes).Select(i => (byte)(255 - i)).ToArray();
        var xs = Enumerable.Range(0, 20).Select(i => int.MaxValue - (i * 1_000_003)).ToArray();
        var shares = ShamirSharing.Split(secret, 20, xs);
        Assert.Equal(secret, ShamirSharing.Combine([.. shares.Reverse()], secret.Length));
        Assert.Throws<ArgumentException>(() => ShamirSharing.Combine([.. shares.Skip(1)], secret.Length));
    }

    [Fact]
    public void Fewer_shares_than_the_threshold_reveal_nothing_and_do_not_combine()
    {
        var secret = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        var xs = Enumerable.Range(1, 5).ToArray();
        var first = ShamirSharing.Split(secret, 3, xs);
        var second = ShamirSharing.Split(secret, 3, xs);
        // Two shares of the same secret under fresh polynomials differ: t − 1 shares are uniform, not a function of the secret.
        Assert.NotEqual(first[0].Y, second[0].Y);
        Assert.NotEqual(first[1].Y, second[1].Y);
        Assert.Throws<ArgumentException>(() => ShamirSharing.Combine(first.Take(2).ToList(), secret.Length));
        Assert.Equal(secret, ShamirSharing.Combine([first[4], first[0], first[2]], secret.Length));
    }

    [Fact]
    public void Bad_arguments_are_refused_with_the_reason()
    {
        Assert.Throws<ArgumentException>(() => ShamirSharing.Split(new byte[65], 2, [1, 2]));
        Assert.Throws<ArgumentOutOfRangeException>(() => ShamirSharing.Split(new byte[8], 3, [1, 2]));
        Assert.Throws<ArgumentException>(() => ShamirSharing.Split(new byte[8], 2, [0, 1]));
        Assert.Throws<ArgumentException>(() => ShamirSharing.Split(new byte[8], 2, [2, 2]));
        var shares = ShamirSharing.Split(new byte[8], 2, [1, 2]);
        Assert.Throws<ArgumentException>(() => ShamirSharing.Combine([shares[0], shares[0]], 8));
    }
}
