using Concord.ML.Horizontal;
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
    public void Encoding_by_multiplication_is_round_of_x_times_two_to_the_f_and_decoding_its_inverse() =>
        // Random mantissas at every scale the encoding can meet, down to subnormals: multiplying by an exact power of two is ScaleB.
        Prop.ForAll(
            (from f in Gen.Choose(HomoSettings.MinFractionBits, HomoSettings.MaxFractionBits)
             from bits in ArbMap.Default.GeneratorFor<long>()
             from exponent in Gen.OneOf(Gen.Choose(-f - 3, 58 - f), Gen.Choose(-1080, 60))
             select (f, Math.ScaleB(BitConverter.Int64BitsToDouble((bits & unchecked((long)0x800F_FFFF_FFFF_FFFF)) | 0x3FF0_0000_0000_0000), exponent))).ToArbitrary(),
            c =>
            {
                var (f, v) = c;
                if (!(Math.Abs(v) < UpdateFixedPoint.MaxValue(f, 10)))
                {
                    return true;
                }
                var encoded = UpdateFixedPoint.Encode([v], f, 10, "p")[0];
                var decoded = UpdateFixedPoint.Decode([encoded], f)[0];
                return encoded == (ulong)(long)Math.Round(Math.ScaleB(v, f), MidpointRounding.ToEven)
                    && decoded.Equals(Math.ScaleB((double)(long)encoded, -f));
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(2000));

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

    [Theory]
    [InlineData(1)]
    [InlineData(32_767)]
    [InlineData(32_768)]
    [InlineData(65_537)]
    [InlineData(100_001)]
    public void Chunked_parallel_expansion_is_the_mask_stream_itself(int length)
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)(i * 7)).ToArray();
        var expanded = new ulong[length];
        MaskExpansion.Apply(expanded, seed, "round-3/self-mask", add: true);
        var stream = new ulong[length];
        using (var prg = new Crypto.KeyAgreement.MaskGenerator(seed, "round-3/self-mask"))
        {
            prg.Fill(stream.AsSpan());
        }
        Assert.Equal(stream, expanded);
        // Several masks in one pass equal the same masks one at a time.
        var other = seed.Select(b => (byte)(b ^ 0x5A)).ToArray();
        var together = new ulong[length];
        MaskExpansion.Apply(together, [new MaskTerm(seed, "a", true), new MaskTerm(other, "b", false)]);
        var apart = new ulong[length];
        MaskExpansion.Apply(apart, seed, "a", add: true);
        MaskExpansion.Apply(apart, other, "b", add: false);
        Assert.Equal(apart, together);
    }

    /// <summary>Whole vectors take the vector-register path; every element must equal the one-value encoding, ties included.</summary>
    [Fact]
    public void Encoding_a_long_vector_equals_encoding_each_value_alone() =>
        Prop.ForAll(
            (from f in Gen.Choose(HomoSettings.MinFractionBits, HomoSettings.MaxFractionBits)
             from ticks in Gen.ArrayOf(Gen.Choose(-4_000_000, 4_000_000))
             from halves in Gen.Elements(0.0, 0.5, 0.25)
             select (f, ticks.Select(t => Math.ScaleB(t + halves, -f + (t % 7))).Where(v => Math.Abs(v) < UpdateFixedPoint.MaxValue(f, 10)).ToArray())).ToArbitrary(),
            c =>
            {
                var (f, values) = c;
                var encoded = UpdateFixedPoint.Encode(values, f, 10, "p");
                var decoded = UpdateFixedPoint.Decode(encoded, f);
                return values.Select((v, j) => encoded[j] == UpdateFixedPoint.Encode([v], f, 10, "p")[0]
                    && decoded[j].Equals(UpdateFixedPoint.Decode([encoded[j]], f)[0])).All(ok => ok);
            }).Check(Config.QuickThrowOnFailure.WithMaxTest(500));

    [Theory]
    [InlineData(13)]
    [InlineData(3)]
    [InlineData(19)]
    public void A_bad_value_inside_a_long_vector_is_named_at_its_own_position(int position)
    {
        var values = new double[20];
        values[position] = double.NaN;
        var ex = Assert.Throws<OverflowException>(() => UpdateFixedPoint.Encode(values, 24, 10, "p"));
        Assert.Contains($"at position {position} ", ex.Message, StringComparison.Ordinal);
    }

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
