using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Rsa;

namespace Concord.Crypto.Tests.Rsa;

public class RsaKeyTests
{
    [Theory]
    [InlineData(512)]
    [InlineData(521)]
    public void A_generated_key_has_the_asked_size_distinct_primes_and_inverse_exponents(int bits)
    {
        var key = RsaKeyGenerator.Generate(bits, new SeededRandom(bits), TestKeys.Gmp);
        var (p, q) = (key.P.Big(), key.Q.Big());

        Assert.Equal(bits, key.PublicKey.Bits);
        Assert.Equal(p * q, key.PublicKey.N.Big());
        Assert.NotEqual(p, q);
        Assert.Equal(RsaPublicKey.StandardExponent, key.PublicKey.E.ToUInt64());
        Assert.Equal(BigInteger.One, key.PublicKey.E.Big() * key.DP.Big() % (p - 1));
        Assert.Equal(BigInteger.One, key.PublicKey.E.Big() * key.DQ.Big() % (q - 1));
        Assert.Equal(BigInteger.One, q * key.QInverse.Big() % p);
    }

    [Fact]
    public void A_seeded_generator_always_yields_the_same_key()
    {
        Assert.Equal(
            RsaKeyGenerator.Generate(256, new SeededRandom(3), TestKeys.Gmp).PublicKey.N,
            RsaKeyGenerator.Generate(256, new SeededRandom(3), TestKeys.Gmp).PublicKey.N);
    }

    [Theory]
    [InlineData("c000000000000000", "010001", "modulus must be odd and of 64 to 16384 bits (it has 64 bits and is even)")]
    [InlineData("c5", "010001", "modulus must be odd and of 64 to 16384 bits (it has 8 bits)")]
    [InlineData("c000000000000001", "010000", "exponent must be odd, at least 3 and below the modulus (it is 65536)")]
    [InlineData("c000000000000001", "01", "(it is 1)")]
    [InlineData("c000000000000001", "c000000000000003", "(it is 13835058055282163715)")]
    public void A_peer_s_public_key_of_the_wrong_shape_is_refused(string modulus, string exponent, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() =>
            RsaPublicKey.FromBigEndian(Convert.FromHexString(modulus), Convert.FromHexString(exponent), TestKeys.Gmp));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_peer_s_public_key_round_trips_through_its_bytes()
    {
        var key = RsaTestKeys.Small("gmp").PublicKey;
        var copy = RsaPublicKey.FromBigEndian(key.N.ToBigEndian(), key.E.ToBigEndian(), TestKeys.Gmp);
        Assert.Equal((key.N, key.E), (copy.N, copy.E));
    }

    [Fact]
    public void Primes_that_do_not_make_a_key_are_refused()
    {
        Assert.Throws<ArgumentException>(() => RsaPrivateKey.FromPrimes(BigNat.FromUInt64(11), BigNat.FromUInt64(11), TestKeys.Gmp));
        // e = 3 divides p − 1 = 6, so no d exists.
        var error = Assert.Throws<ArgumentException>(() => RsaPrivateKey.FromPrimes(BigNat.FromUInt64(7), BigNat.FromUInt64(11), TestKeys.Gmp, e: 3));
        Assert.Contains("has no inverse", error.Message, StringComparison.Ordinal);
    }
}
