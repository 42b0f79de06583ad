using System.Numerics;
using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Rsa;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests.Rsa;

public class RsaBlindSignatureTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Unblinding_a_blind_signature_gives_the_plain_signature_m_to_the_d(string backend)
    {
        var key = RsaTestKeys.Small(backend);
        var pk = key.PublicKey;
        var (n, d) = (pk.N.Big(), PlainExponent(key));
        var values = Generators.Below(pk.N).Select(m => m.IsZero ? BigNat.One : m).ArrayOf().Where(a => a.Length > 0);
        PropertyCheck.Run(Prop.ForAll(values.ToArbitrary(), ms =>
        {
            var packed = Pack(pk, ms);
            var blinding = RsaBlindSignatures.Blind(pk, packed);
            var unblinded = RsaBlindSignatures.Unblind(pk, RsaBlindSignatures.Sign(key, blinding.Blinded), blinding, packed);
            var expected = Pack(pk, [.. ms.Select(m => BigNat.FromBigInteger(BigInteger.ModPow(m.Big(), d, n)))]);
            return unblinded.SequenceEqual(expected) && RsaBlindSignatures.Sign(key, packed).SequenceEqual(expected);
        }), tests: 30);
    }

    [Fact]
    public void The_same_values_blinded_twice_share_nothing_with_each_other_or_with_the_values()
    {
        var pk = RsaTestKeys.Small("gmp").PublicKey;
        var values = RsaBlindSignatures.HashIds(pk, [.. Enumerable.Range(0, 200).Select(i => $"id{i}")], "s"u8);

        var (first, second) = (RsaBlindSignatures.Blind(pk, values).Blinded, RsaBlindSignatures.Blind(pk, values).Blinded);

        var seen = Split(pk, values).Concat(Split(pk, first)).Concat(Split(pk, second)).Select(Convert.ToHexString).ToList();
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Theory]
    [InlineData(0, "blinded ids #1 is not a number between 1 and the modulus − 1")]
    [InlineData(1, "blinded ids #1 is not a number between 1 and the modulus − 1")]
    [InlineData(2, "blinded ids is 129 bytes, not a whole number of 64-byte values")]
    public void Signing_refuses_values_no_honest_blinder_sends_naming_them(int fault, string expected)
    {
        var key = RsaTestKeys.Small("gmp");
        var width = key.PublicKey.ValueBytes;
        var values = Pack(key.PublicKey, [BigNat.One, BigNat.FromUInt64(2)]);
        byte[] bad = fault switch
        {
            0 => [.. values[..width], .. new byte[width]],
            1 => [.. values[..width], .. key.PublicKey.N.ToBigEndian(width)],
            _ => [.. values, 0],
        };

        var error = Assert.Throws<InvalidRsaValueException>(() => RsaBlindSignatures.Sign(key, bad, "blinded ids"));
        Assert.Equal(expected, error.Message);
    }

    [Fact]
    public void A_reply_signed_under_another_key_fails_to_unblind_naming_the_value()
    {
        var key = RsaTestKeys.Small("gmp");
        var other = RsaPrivateKey.FromPrimes(key.P, key.Q, TestKeys.Gmp, e: 3);
        var values = RsaBlindSignatures.HashIds(key.PublicKey, ["a", "b", "c"], ""u8);
        var blinding = RsaBlindSignatures.Blind(key.PublicKey, values);

        var error = Assert.Throws<InvalidRsaValueException>(() =>
            RsaBlindSignatures.Unblind(key.PublicKey, RsaBlindSignatures.Sign(other, blinding.Blinded), blinding, values, "signed ids"));
        Assert.StartsWith("signed ids #", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("is not a signature of the value blinded for it under the signer's public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_full_domain_hash_is_sha_512_of_the_salted_digest_in_counter_mode_reduced_mod_n()
    {
        var pk = RsaTestKeys.Small("gmp").PublicKey;
        byte[] salt = [.. "salt"u8];
        var digest = SHA512.HashData([.. "concord-rsa-psi-v1"u8, .. BitConverter.GetBytes(salt.Length), .. salt, .. "+44 20 7946 0958"u8]);
        byte[] stretched = [.. SHA512.HashData([.. digest, 0, 0, 0, 0]), .. SHA512.HashData([.. digest, 0, 0, 0, 1])];
        var expected = new BigInteger(stretched.AsSpan(0, pk.ValueBytes + 16), isUnsigned: true, isBigEndian: true) % pk.N.Big();

        var hash = RsaBlindSignatures.HashIds(pk, ["+44 20 7946 0958"], salt);

        Assert.Equal(expected, new BigInteger(hash, isUnsigned: true, isBigEndian: true));
    }

    [Fact]
    public void Hashes_and_digests_depend_on_the_salt_and_agree_between_the_parallel_batch_and_one_at_a_time()
    {
        var key = RsaTestKeys.Small("gmp");
        string[] ids = [.. Enumerable.Range(0, 300).Select(i => $"+44 7700 900{i:D3}")];
        var hashes = RsaBlindSignatures.HashIds(key.PublicKey, ids, "a"u8);
        var digests = RsaBlindSignatures.Digests(key.PublicKey, RsaBlindSignatures.Sign(key, hashes));

        Assert.Equal(ids.Length * RsaBlindSignatures.DigestBytes, digests.Length);
        Assert.NotEqual(hashes, RsaBlindSignatures.HashIds(key.PublicKey, ids, "b"u8));
        var width = key.PublicKey.ValueBytes;
        foreach (var i in new[] { 0, 151, 299 })
        {
            var one = RsaBlindSignatures.HashIds(key.PublicKey, [ids[i]], "a"u8, maxDegreeOfParallelism: 1);
            Assert.Equal(hashes.AsSpan(i * width, width).ToArray(), one);
            Assert.Equal(
                digests.AsSpan(i * RsaBlindSignatures.DigestBytes, RsaBlindSignatures.DigestBytes).ToArray(),
                RsaBlindSignatures.Digests(key.PublicKey, RsaBlindSignatures.Sign(key, one, maxDegreeOfParallelism: 1)));
        }
    }

    /// <summary>d = e⁻¹ mod φ(n), by the extended Euclidean algorithm: the textbook exponent, without the CRT.</summary>
    private static BigInteger PlainExponent(RsaPrivateKey key)
    {
        var (a, m) = (key.PublicKey.E.Big(), (key.P.Big() - 1) * (key.Q.Big() - 1));
        var (r0, r1, s0, s1) = (m, a % m, BigInteger.Zero, BigInteger.One);
        while (r1 != 0)
        {
            var q = r0 / r1;
            (r0, r1, s0, s1) = (r1, r0 - (q * r1), s1, s0 - (q * s1));
        }
        return ((s0 % m) + m) % m;
    }

    private static byte[] Pack(RsaPublicKey key, BigNat[] values) => [.. values.SelectMany(v => v.ToBigEndian(key.ValueBytes))];

    private static IEnumerable<byte[]> Split(RsaPublicKey key, byte[] packed) => packed.Chunk(key.ValueBytes);
}
