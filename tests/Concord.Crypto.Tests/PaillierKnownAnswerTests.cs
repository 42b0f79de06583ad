using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Tests;

/// <summary>
/// A hand-sized key (p = 263, q = 347, both safe primes) whose expected values were computed independently, with
/// Python's pow() and hashlib, from the formulas c = (1 + m·n)·h_s^x mod n² and h_s = (−x_H² mod n)^n mod n².
/// </summary>
public class PaillierKnownAnswerTests
{
    private const ulong P = 263;
    private const ulong Q = 347;
    private const ulong N = 91261;

    private static PaillierKeyPair Key(string backend)
    {
        var publicKey = new PaillierPublicKey(N, backend: TestKeys.Backend(backend));
        return new PaillierKeyPair(publicKey, new PaillierPrivateKey(publicKey, P, Q));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Obfuscation_base_is_derived_from_n_by_the_documented_hash(string backend) =>
        Assert.Equal(BigNat.FromUInt64(4776445362), Key(backend).PublicKey.ObfuscationBase);

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Encryption_with_a_fixed_exponent_gives_the_known_ciphertext(string backend)
    {
        var key = Key(backend);
        ulong[] x = [0x1234567, 0, 0, 0, 0];
        var ws = key.PublicKey.Backend.Workspace;
        Assert.Equal(BigNat.FromUInt64(7255897837), key.PublicKey.EncryptWith(ws, 42, x));
        Assert.Equal(BigNat.FromUInt64(7255897837), key.PrivateKey.EncryptWith(ws, 42, x));
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Textbook_ciphertext_with_random_r_decrypts_to_its_plaintext(string backend)
    {
        // c = (1 + n)^31337 · 12345^n mod n², a classic r^n ciphertext: CRT decryption must not depend on DJN.
        var key = Key(backend);
        var c = key.PublicKey.ValidateCiphertext(BigNat.FromUInt64(7914694163));
        Assert.Equal(BigNat.FromUInt64(31337), key.PrivateKey.Decrypt(c));
    }

    [Fact]
    public void Textbook_ciphertext_matches_the_formula_computed_with_BigInteger()
    {
        var n2 = new BigInteger(N) * N;
        var expected = BigInteger.ModPow(1 + N, 31337, n2) * BigInteger.ModPow(12345, N, n2) % n2;
        Assert.Equal(new BigInteger(7914694163), expected);
    }

    [Fact]
    public void Default_obfuscation_exponent_follows_the_security_level()
    {
        Assert.Equal(320, PaillierPublicKey.DefaultObfuscationExponentBits(1024));
        Assert.Equal(448, PaillierPublicKey.DefaultObfuscationExponentBits(2048));
        Assert.Equal(512, PaillierPublicKey.DefaultObfuscationExponentBits(3072));
    }
}
