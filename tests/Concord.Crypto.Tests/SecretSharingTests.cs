using Concord.Crypto.Encoding;
using Concord.Crypto.SecretSharing;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class SecretSharingTests
{
    [Fact]
    public void Shares_reconstruct_the_secret_and_each_share_alone_looks_random()
    {
        PropertyCheck.Run(Prop.ForAll(Gen.ArrayOf(Generators.UInt64).ToArbitrary(), Gen.Choose(2, 5).ToArbitrary(), (secrets, parties) =>
        {
            var shares = AdditiveSharing.Share(secrets, parties);
            return AdditiveSharing.Reconstruct(shares).SequenceEqual(secrets) && shares.Length == parties;
        }));
        // With 64 secrets all zero, a non-final share being all zero would mean no masking at all.
        var zeros = AdditiveSharing.Share(new ulong[64], 3);
        Assert.Contains(zeros[0], s => s != 0);
    }

    [Fact]
    public void Beaver_multiplication_is_exact_in_the_ring()
    {
        PropertyCheck.Run(Prop.ForAll(Gen.ArrayOf(Gen.Two(Generators.UInt64)).ToArbitrary(), Gen.Choose(2, 4).ToArbitrary(), (pairs, parties) =>
        {
            var x = pairs.Select(p => p.Item1).ToArray();
            var y = pairs.Select(p => p.Item2).ToArray();
            var product = Multiply(x, y, parties);
            return product.SequenceEqual(x.Zip(y, (a, b) => a * b));
        }), tests: 50);
    }

    [Fact]
    public void Fixed_point_products_are_accurate_after_two_party_truncation()
    {
        // Inputs on the 2^-f grid, so the only error is truncation's: at most one unit either way. |x·y| ≤ 2^8 keeps
        // the 2f-bit product near 2^32, where local truncation fails with probability about 2^-31 per value.
        const int f = 12;
        var real = Gen.Choose(-(1 << 16), 1 << 16).Select(i => i / 4096.0);
        PropertyCheck.Run(Prop.ForAll(Gen.ArrayOf(Gen.Two(real)).ToArbitrary(), pairs =>
        {
            var x = RingFixedPoint.Encode(pairs.Select(p => p.Item1).ToArray(), f);
            var y = RingFixedPoint.Encode(pairs.Select(p => p.Item2).ToArray(), f);
            var z = MultiplyShares(x, y, 2);
            var truncated = AdditiveSharing.Reconstruct([AdditiveSharing.Truncate(z[0], 0, f), AdditiveSharing.Truncate(z[1], 1, f)]);
            var result = RingFixedPoint.Decode(truncated, f);
            return pairs.Select((p, i) => Math.Abs(result[i] - (p.Item1 * p.Item2)) <= Math.ScaleB(2.0, -f)).All(ok => ok);
        }), tests: 100);
    }

    [Fact]
    public void Ring_fixed_point_refuses_values_it_cannot_hold()
    {
        Assert.Throws<FixedPointOverflowException>(() => RingFixedPoint.Encode(1e18, 20));
        Assert.Equal(-2.5, RingFixedPoint.Decode(RingFixedPoint.Encode(-2.5, 16), 16));
        Assert.Throws<ArgumentOutOfRangeException>(() => AdditiveSharing.Truncate(1, 2, 4));
    }

    private static ulong[] Multiply(ulong[] x, ulong[] y, int parties) => AdditiveSharing.Reconstruct(MultiplyShares(x, y, parties));

    /// <summary>Runs the two Beaver steps for every party, opening e and f as the parties would by exchanging masks.</summary>
    private static ulong[][] MultiplyShares(ulong[] x, ulong[] y, int parties)
    {
        var xs = AdditiveSharing.Share(x, parties);
        var ys = AdditiveSharing.Share(y, parties);
        var triples = BeaverTripleDealer.Deal(x.Length, parties);
        var masks = Enumerable.Range(0, parties).Select(p => BeaverMultiplication.Mask(xs[p], ys[p], triples[p])).ToArray();
        var e = AdditiveSharing.Reconstruct(masks.Select(m => m.E).ToArray());
        var f = AdditiveSharing.Reconstruct(masks.Select(m => m.F).ToArray());
        return Enumerable.Range(0, parties).Select(p => BeaverMultiplication.Combine(p, e, f, triples[p])).ToArray();
    }
}
