using Concord.ML.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.SecureAggregation;

public class UpdateRingTests
{
    private static readonly Arbitrary<(double[][] Vectors, int Bits)> Updates =
        (from parties in Gen.Choose(1, 12)
         from length in Gen.Choose(0, 40)
         from bits in Gen.Choose(8, 40)
         from values in Gen.ArrayOf(Gen.Choose(-1_000_000, 1_000_000).Select(i => i / 1000.0), parties * length)
         select (Enumerable.Range(0, parties).Select(p => values[(p * length)..((p + 1) * length)]).ToArray(), bits)).ToArbitrary();

    [Fact]
    public void The_decoded_ring_sum_of_encodings_is_the_sum_within_the_rounding() =>
        Prop.ForAll(Updates, c =>
        {
            var length = c.Vectors[0].Length;
            var sum = new ulong[length];
            foreach (var vector in c.Vectors)
            {
                MaskExpansion.Add(sum, UpdateFixedPoint.Encode(vector, c.Bits, c.Vectors.Length, "p"));
            }
            var decoded = UpdateFixedPoint.Decode(sum, c.Bits);
            var tolerance = c.Vectors.Length * Math.ScaleB(1, -c.Bits - 1) * (1 + 1e-9);
            return Enumerable.Range(0, length).All(j => Math.Abs(decoded[j] - c.Vectors.Sum(v => v[j])) <= tolerance);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_mask_added_then_subtracted_leaves_the_vector_and_the_SIMD_sum_matches_the_scalar_one() =>
        Prop.ForAll(Gen.ArrayOf(ArbMap.Default.GeneratorFor<ulong>()).ToArbitrary(), Gen.Choose(0, 100_000).ToArbitrary(), (values, salt) =>
        {
            var seed = new byte[32];
            new Random(salt).NextBytes(seed);
            var masked = (ulong[])values.Clone();
            MaskExpansion.Apply(masked, seed, "label", add: true);
            var differs = values.Length == 0 || !masked.SequenceEqual(values);
            MaskExpansion.Apply(masked, seed, "label", add: false);
            var twice = (ulong[])values.Clone();
            MaskExpansion.Add(twice, values);
            return differs && masked.SequenceEqual(values) && twice.SequenceEqual(values.Select(v => unchecked(v + v)));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_value_beyond_the_headroom_is_refused_naming_its_position()
    {
        var limit = UpdateFixedPoint.MaxValue(24, 10);
        Assert.Equal(Math.ScaleB(1.0, 63 - 4 - 24), limit);
        UpdateFixedPoint.Encode([limit * 0.99], 24, 10, "party host:1");
        var ex = Assert.Throws<OverflowException>(() => UpdateFixedPoint.Encode([0, limit], 24, 10, "party host:1"));
        Assert.Contains("party host:1: value", ex.Message, StringComparison.Ordinal);
        Assert.Contains("at position 1", ex.Message, StringComparison.Ordinal);
        Assert.Throws<OverflowException>(() => UpdateFixedPoint.Encode([double.NaN], 24, 10, "p"));
    }
}
