using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Vector;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class MultiExponentiationTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Pippenger_matches_the_naive_product_of_powers(string backend)
    {
        var ws = TestKeys.Backend(backend).Workspace;
        var modulus = BigNat.FromBigInteger(BigInteger.Pow(2, 127) - 1);
        var terms = Gen.Choose(0, 300).SelectMany(count => Gen.Zip(
            Gen.ArrayOf(Generators.Below(modulus), count),
            Gen.ArrayOf(Gen.Frequency((3, Generators.UInt64), (1, Gen.Choose(0, 40).Select(b => (ulong)b))), count)));
        PropertyCheck.Run(Prop.ForAll(terms.ToArbitrary(), t =>
        {
            var (bases, exponents) = t;
            var stride = modulus.LimbCount;
            var limbs = new ulong[bases.Length * stride];
            for (var i = 0; i < bases.Length; i++)
            {
                bases[i].Limbs.CopyTo(limbs.AsSpan(i * stride));
            }
            var m = modulus.Big();
            var naive = BigInteger.One;
            for (var i = 0; i < bases.Length; i++)
            {
                naive = naive * BigInteger.ModPow(bases[i].Big(), exponents[i], m) % m;
            }
            using var f = ws.Frame(2);
            ws.Set(f[1], modulus);
            MultiExponentiation.Evaluate(ws, f[0], limbs, stride, exponents, f[1]);
            return ws.Get(f[0]).Big() == naive;
        }), tests: 30);
    }

    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Weighted_sum_with_signed_exponents_decrypts_to_the_plaintext_dot_product(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var n = pk.N.Big();
        var rows = Gen.Choose(1, 60).SelectMany(count => Gen.Zip(
            Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000), count),
            Gen.ArrayOf(Generators.Int64, count)));
        PropertyCheck.Run(Prop.ForAll(rows.ToArbitrary(), r =>
        {
            var (plain, weights) = r;
            var plaintexts = plain.Select(v => BigNat.FromBigInteger(((v % n) + n) % n)).ToArray();
            var vector = CipherVector.Encrypt(pk, plaintexts);
            var expected = plain.Zip(weights, (v, w) => new BigInteger(v) * w).Aggregate(BigInteger.Zero, (a, b) => a + b);
            return sk.Decrypt(vector.WeightedSum(weights)).Big() == ((expected % n) + n) % n;
        }), tests: 10);
    }

    [Fact]
    public void Weighted_sums_over_columns_equal_one_weighted_sum_per_column()
    {
        var (pk, _) = TestKeys.Small("gmp");
        var columns = Gen.Choose(1, 9).SelectMany(width => Gen.Choose(1, 40).SelectMany(rows =>
            Gen.ArrayOf(Gen.ArrayOf(Generators.Int64, rows), width)));
        PropertyCheck.Run(Prop.ForAll(columns.ToArbitrary(), x =>
        {
            var vector = CipherVector.Encrypt(pk, [.. Enumerable.Range(0, x[0].Length).Select(i => BigNat.FromBigInteger((i * 7919) + 1))]);
            var sums = vector.WeightedSums(x);
            return sums.Zip(x, (sum, column) => sum.ToBytes().AsSpan().SequenceEqual(vector.WeightedSum(column).ToBytes())).All(same => same);
        }), tests: 10);
    }

    [Fact]
    public void Window_choice_grows_with_the_number_of_terms()
    {
        Assert.InRange(MultiExponentiation.WindowBits(1, 32), 1, 3);
        Assert.InRange(MultiExponentiation.WindowBits(100_000, 32), 10, 12);
        Assert.True(MultiExponentiation.WindowBits(1_000_000, 64) > MultiExponentiation.WindowBits(1000, 64));
    }
}
