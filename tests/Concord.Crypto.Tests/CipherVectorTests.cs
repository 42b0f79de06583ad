using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Tests;

public class CipherVectorTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Element_wise_operations_match_plaintext_arithmetic(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var n = pk.N.Big();
        var a = Enumerable.Range(0, 40).Select(i => (long)((i * 7919) - 100_000)).ToArray();
        var b = Enumerable.Range(0, 40).Select(i => (long)(i * i)).ToArray();
        var k = Enumerable.Range(0, 40).Select(i => (long)(i % 3 == 0 ? -i * 1_000_003 : i)).ToArray();
        BigNat Enc(long v) => BigNat.FromBigInteger(((v % n) + n) % n);
        var va = CipherVector.Encrypt(pk, a.Select(Enc).ToArray());
        var vb = CipherVector.Encrypt(sk, b.Select(Enc).ToArray());

        Assert.Equal(a.Select(Enc), va.Decrypt(sk, maxDegreeOfParallelism: 1));
        Assert.Equal(a.Zip(b, (x, y) => Enc(x + y)), va.Add(vb).Decrypt(sk));
        Assert.Equal(a.Zip(k, (x, y) => BigNat.FromBigInteger(((new BigInteger(x) * y % n) + n) % n)), va.Multiply(k).Decrypt(sk));
        Assert.Equal(a.Select(x => Enc(x * -3)), va.Multiply(-3).Decrypt(sk));
        Assert.Equal(va[5].Value, CipherVector.FromCiphertexts(pk, [va[5]])[0].Value);
    }

    [Fact]
    public void Parallel_encryption_with_a_seeded_generator_is_reproducible_and_equals_the_owner_path()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var plaintexts = Enumerable.Range(0, 64).Select(i => BigNat.FromUInt64((ulong)i)).ToArray();
        var serial = CipherVector.Encrypt(pk, plaintexts, new SeededRandom(3), maxDegreeOfParallelism: 1);
        var parallel = CipherVector.Encrypt(pk, plaintexts, new SeededRandom(3));
        var owner = CipherVector.Encrypt(sk, plaintexts, new SeededRandom(3));
        Assert.Equal(serial.ToBytes(), parallel.ToBytes());
        Assert.Equal(serial.ToBytes(), owner.ToBytes());
    }

    [Fact]
    public void Length_mismatches_are_refused()
    {
        var (pk, _) = TestKeys.Small("gmp");
        var v = CipherVector.Encrypt(pk, [1, 2, 3]);
        Assert.Contains("has 2 elements; the vector has 3", Assert.Throws<ArgumentException>(() => v.Multiply([1L, 2L])).Message);
        Assert.Throws<ArgumentException>(() => v.Add(CipherVector.Encrypt(pk, [1])));
    }
}
