using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Packing;
using Concord.Crypto.Vector;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

/// <summary>libgmp and the managed fallback must agree bit for bit, so that a party on either one interoperates.</summary>
public class BackendEquivalenceTests
{
    private static readonly Workspace Gmp = TestKeys.Gmp.Workspace;
    private static readonly Workspace Managed = ArithmeticBackends.Managed.Workspace;

    [Fact]
    public void Register_operations_agree_on_random_operands()
    {
        var operand = Gen.Choose(1, 5).SelectMany(l => Gen.ArrayOf(Generators.UInt64, l)).Select(l => BigNat.FromLimbs(l));
        PropertyCheck.Run(Prop.ForAll(operand.ToArbitrary(), operand.ToArbitrary(), operand.ToArbitrary(), (a, b, m) =>
        {
            var modulus = m.IsEven ? m + BigNat.One : m;
            return Same(ws => Op(ws, a, b, modulus, (w, r) => w.MulMod(r[3], r[0], r[1], r[2])))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => w.PowMod(r[3], r[0], r[1], r[2])))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => w.Gcd(r[3], r[0], r[1])))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => { w.Sub(r[3], r[0], r[1]); w.Mod(r[3], r[3], r[2]); }))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => w.DivRem(r[3], r[4], r[0], r[2])))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => { w.ShiftLeft(r[3], r[0], 77); w.ShiftRight(r[3], r[3], 13); }))
                && Same(ws => Op(ws, a, b, modulus, (w, r) => { if (!w.TryInvert(r[3], r[0], r[2])) { w.SetSmall(r[3], 0); } }))
                && Same(ws => ModSmall(ws, a));
        }), tests: 200);
    }

    [Fact]
    public void Primality_agrees_on_primes_carmichael_numbers_and_strong_pseudoprimes()
    {
        // 2^127 − 1 prime; 561 and 41041 Carmichael; 3215031751 a strong pseudoprime to bases 2, 3, 5 and 7.
        var cases = new (BigInteger Value, bool Prime)[]
        {
            (BigInteger.Pow(2, 127) - 1, true), (561, false), (41041, false), (3215031751, false), (65537, true), (1, false), (2, true),
        };
        foreach (var (value, prime) in cases)
        {
            foreach (var ws in new[] { Gmp, Managed })
            {
                using var f = ws.Frame(1);
                ws.Set(f[0], BigNat.FromBigInteger(value));
                Assert.Equal(prime, ws.IsProbablePrime(f[0], 25));
            }
        }
    }

    [Fact]
    public void Seeded_Paillier_pipeline_gives_identical_bytes_on_both_backends()
    {
        var gmp = TestKeys.Small("gmp");
        var managed = TestKeys.Small("managed");
        var plaintexts = Enumerable.Range(1, 12).Select(i => BigNat.FromUInt64((ulong)(i * 1_000_003))).ToArray();
        var vg = CipherVector.Encrypt(gmp.PublicKey, plaintexts, new SeededRandom(5));
        var vm = CipherVector.Encrypt(managed.PublicKey, plaintexts, new SeededRandom(5));
        Assert.Equal(vg.ToBytes(), vm.ToBytes());
        long[] weights = [3, -4, 5, -6, 7, 0, 1 << 30, -(1L << 40), 9, 10, -11, 12];
        Assert.Equal(vg.WeightedSum(weights).ToBytes(), vm.WeightedSum(weights).ToBytes());
        Assert.Equal(vg.Multiply(weights).ToBytes(), vm.Multiply(weights).ToBytes());
        Assert.Equal(vg[0].Negate().ToBytes(), vm[0].Negate().ToBytes());
        Assert.Equal(vg.Decrypt(gmp.PrivateKey), vm.Decrypt(managed.PrivateKey));
        Assert.Equal(gmp.PublicKey.ObfuscationBase, managed.PublicKey.ObfuscationBase);

        var scheme = PackingScheme.For(gmp.PublicKey, 32, 16, 100);
        double[] values = [1.5, -2.25, 1000, -0.0625];
        var pg = PackedCiphertext.Encrypt(gmp.PublicKey, scheme, values, new SeededRandom(6));
        var pm = PackedCiphertext.Encrypt(managed.PublicKey, scheme, values, new SeededRandom(6));
        Assert.Equal(pg[0].Ciphertext.ToBytes(), pm[0].Ciphertext.ToBytes());
        Assert.Equal(values, PackedCiphertext.Decrypt(managed.PrivateKey, pg.Select(p => PackedCiphertext.FromParts(
            managed.PublicKey.CiphertextFromBytes(p.Ciphertext.ToBytes()), scheme, p.SlotTerms)).ToArray()));
    }

    [Fact]
    public void Managed_backend_reports_itself_as_slow()
    {
        Assert.True(ArithmeticBackends.Managed.IsSlow);
        Assert.False(TestKeys.Gmp.IsSlow);
        Assert.Same(TestKeys.Gmp, ArithmeticBackends.Default);
    }

    private static bool Same(Func<Workspace, string> run) => run(Gmp) == run(Managed);

    private static string Op(Workspace ws, BigNat a, BigNat b, BigNat m, Action<Workspace, int[]> op)
    {
        using var f = ws.Frame(5);
        int[] r = [f[0], f[1], f[2], f[3], f[4]];
        ws.Set(r[0], a);
        ws.Set(r[1], b);
        ws.Set(r[2], m);
        ws.SetSmall(r[4], 0);
        op(ws, r);
        return $"{Describe(ws, r[3])}/{Describe(ws, r[4])}";
    }

    private static string ModSmall(Workspace ws, BigNat a)
    {
        using var f = ws.Frame(1);
        ws.Set(f[0], a);
        return $"{ws.ModSmall(f[0], 1_000_003)}/{ws.BitLength(f[0])}";
    }

    private static string Describe(Workspace ws, int reg) => ws.Sign(reg) < 0 ? "negative" : ws.Get(reg).ToString();
}
