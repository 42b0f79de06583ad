using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class PaillierPropertyTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Decrypt_of_encrypt_is_identity_on_both_paths(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        PropertyCheck.Run(Prop.ForAll(Generators.Below(pk.N).ToArbitrary(), m =>
            sk.Decrypt(pk.Encrypt(m)) == m && sk.Decrypt(sk.Encrypt(m)) == m), tests: 40);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Homomorphic_operations_follow_arithmetic_modulo_n(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var n = pk.N.Big();
        BigNat Mod(BigInteger v) => BigNat.FromBigInteger(((v % n) + n) % n);
        var below = Generators.Below(pk.N).ToArbitrary();
        PropertyCheck.Run(Prop.ForAll(below, below, Generators.Int64.ToArbitrary(), (a, b, k) =>
        {
            var (ca, cb) = (pk.Encrypt(a), pk.Encrypt(b));
            return sk.Decrypt(ca + cb) == Mod(a.Big() + b.Big())
                && sk.Decrypt(ca.AddPlaintext(b)) == Mod(a.Big() + b.Big())
                && sk.Decrypt(ca * k) == Mod(a.Big() * k)
                && sk.Decrypt(ca.Multiply(b)) == Mod(a.Big() * b.Big())
                && sk.Decrypt(-ca) == Mod(-a.Big())
                && sk.Decrypt(ca - cb) == Mod(a.Big() - b.Big());
        }), tests: 25);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Rerandomisation_changes_the_ciphertext_but_not_the_plaintext(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        PropertyCheck.Run(Prop.ForAll(Generators.Below(pk.N).ToArbitrary(), m =>
        {
            var c = pk.Encrypt(m);
            var fresh = c.Rerandomize();
            return fresh.Value != c.Value && sk.Decrypt(fresh) == m;
        }), tests: 20);
    }

    [Fact]
    public void Owner_and_public_encryption_agree_for_the_same_randomness()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var ws = pk.Backend.Workspace;
        PropertyCheck.Run(Prop.ForAll(Generators.Below(pk.N).ToArbitrary(), Gen.ArrayOf(Generators.UInt64, pk.ObfuscationExponentLimbs).ToArbitrary(), (m, x) =>
        {
            x[^1] &= (1UL << (pk.ObfuscationExponentBits % 64)) - 1;
            return pk.EncryptWith(ws, m, x) == sk.EncryptWith(ws, m, x);
        }), tests: 30);
    }

    [Fact]
    public void Generated_keys_have_the_requested_size_and_safe_prime_factors()
    {
        var backend = TestKeys.Gmp;
        foreach (var bits in new[] { 64, 256, 512 })
        {
            var (pk, sk) = PaillierKeyGenerator.Generate(bits, backend: backend);
            Assert.Equal(bits, pk.Bits);
            Assert.Equal(pk.N, BigNat.FromBigInteger(sk.P.Big() * sk.Q.Big()));
            foreach (var prime in new[] { sk.P, sk.Q })
            {
                Assert.Equal(bits / 2, prime.BitLength);
                Assert.True(IsPrime(prime.Big()), $"{prime} is not prime");
                Assert.True(IsPrime((prime.Big() - 1) / 2), $"({prime} − 1)/2 is not prime");
            }
        }
    }

    [Fact]
    public void Seeded_key_generation_is_reproducible_and_identical_across_backends()
    {
        var gmp = PaillierKeyGenerator.Generate(128, new SeededRandom(7), TestKeys.Gmp);
        var managed = PaillierKeyGenerator.Generate(128, new SeededRandom(7), ArithmeticBackends.Managed);
        Assert.Equal(gmp.PublicKey.N, managed.PublicKey.N);
        Assert.Equal(gmp.PrivateKey.P, managed.PrivateKey.P);
    }

    /// <summary>Miller–Rabin over the first twelve prime bases: deterministic below 3.3·10^24, independent of both backends.</summary>
    private static bool IsPrime(BigInteger n)
    {
        if (n < 2)
        {
            return false;
        }
        int[] bases = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37];
        foreach (var b in bases)
        {
            if (n == b)
            {
                return true;
            }
            if (n % b == 0)
            {
                return false;
            }
        }
        var d = n - 1;
        var s = 0;
        while (d.IsEven)
        {
            d >>= 1;
            s++;
        }
        foreach (var b in bases)
        {
            var x = BigInteger.ModPow(b, d, n);
            if (x.IsOne || x == n - 1)
            {
                continue;
            }
            var witness = true;
            for (var i = 1; i < s && witness; i++)
            {
                x = BigInteger.ModPow(x, 2, n);
                witness = x != n - 1;
            }
            if (witness)
            {
                return false;
            }
        }
        return true;
    }
}
