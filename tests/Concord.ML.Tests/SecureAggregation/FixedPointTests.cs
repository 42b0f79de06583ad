using System.Numerics;
using Concord.ML.SecureAggregation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.SecureAggregation;

public class FixedPointTests
{
    /// <summary>Doubles across the whole encodable range, with tiny magnitudes, negatives and zero well represented.</summary>
    private static readonly Arbitrary<double> Encodable = Gen.OneOf(
            ArbMap.Default.GeneratorFor<double>().Where(x => double.IsFinite(x) && Math.Abs(x) < FixedPoint.MaxValue),
            Gen.Choose(-60, 78).Zip(ArbMap.Default.GeneratorFor<int>(), (exponent, mantissa) => Math.ScaleB(mantissa / (double)int.MaxValue, exponent)),
            Gen.Elements(0.0, -0.0, 1.0, -1.0, Math.ScaleB(1, -32), -Math.ScaleB(1, -33), Math.ScaleB(1, -40)))
        .ToArbitrary();

    /// <summary>Half a unit in the last place of the fixed point, plus the double's own rounding of a large value.</summary>
    private static double Resolution(double x) => Math.ScaleB(1, -FixedPoint.FractionBits - 1) + Math.Abs(x) * Math.ScaleB(1, -52);

    [Fact]
    public void Decoding_an_encoding_returns_the_value_within_the_fixed_point_resolution() =>
        Prop.ForAll(Encodable, x => Math.Abs(FixedPoint.Decode(FixedPoint.Encode(x, "x")) - x) <= Resolution(x)).QuickCheckThrowOnFailure();

    [Fact]
    public void Ring_sums_of_encodings_decode_to_the_sum_negatives_included() =>
        Prop.ForAll(Encodable, Encodable, Encodable, (a, b, c) =>
        {
            var sum = FixedPoint.Encode(a, "a") + FixedPoint.Encode(b, "b") + FixedPoint.Encode(c, "c");
            var exact = (BigInteger)FixedPoint.Quantize(a, "a") + FixedPoint.Quantize(b, "b") + FixedPoint.Quantize(c, "c");
            return FixedPoint.FromRing([sum]) == exact;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Negatives_are_twos_complement_and_zero_is_zero()
    {
        Assert.Equal(UInt128.Zero, FixedPoint.Encode(0.0, "x"));
        Assert.Equal(UInt128.Zero, FixedPoint.Encode(-0.0, "x"));
        Assert.Equal(UInt128.MaxValue - (UInt128.One << 32) + 1, FixedPoint.Encode(-1.0, "x"));
        Assert.Equal(-1.5, FixedPoint.Decode(FixedPoint.Encode(-1.5, "x")));
        // Below half the resolution a value rounds to zero; above it, to one unit.
        Assert.Equal(UInt128.Zero, FixedPoint.Encode(Math.ScaleB(1, -34), "x"));
        Assert.Equal(UInt128.MaxValue, FixedPoint.Encode(-Math.ScaleB(3, -34), "x"));
    }

    [Fact]
    public void A_value_beyond_the_range_is_an_error_naming_the_column()
    {
        var ex = Assert.Throws<FixedPointOverflowException>(() => FixedPoint.Encode(-1e24, "balance"));
        Assert.Equal("balance", ex.Column);
        Assert.Contains("column \"balance\"", ex.Message, StringComparison.Ordinal);
        FixedPoint.Encode(-0.99 * FixedPoint.MaxValue, "balance");
    }

    [Fact]
    public void Wide_elements_round_trip_signed_integers_up_to_the_headroom() =>
        Prop.ForAll<long, long, bool>((a, b, wide) =>
        {
            var limbs = new UInt128[wide ? 2 : 1];
            // Up to 2^110 in one limb, up to 2^226 in two; both within the headroom.
            var value = wide ? (BigInteger)a * b << 100 : (BigInteger)a * b >> 16;
            FixedPoint.ToRing(value, limbs, 0, "x", "Σx");
            return FixedPoint.FromRing(limbs) == value;
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void A_sum_beyond_the_headroom_is_an_error_naming_the_column_and_quantity()
    {
        var limbs = new UInt128[2];
        var limit = BigInteger.One << (256 - 1 - FixedPoint.HeadroomBits);
        FixedPoint.ToRing(-(limit - 1), limbs, 64, "x", "Σx²");
        Assert.Equal(-(limit - 1), FixedPoint.FromRing(limbs));
        var ex = Assert.Throws<FixedPointOverflowException>(() => FixedPoint.ToRing(limit, limbs, 64, "claims", "Σx²"));
        Assert.Equal("claims", ex.Column);
        Assert.Contains("column \"claims\": Σx²", ex.Message, StringComparison.Ordinal);
        Assert.Throws<FixedPointOverflowException>(() => FixedPoint.ToRing(BigInteger.One << 111, limbs.AsSpan(0, 1), 32, "claims", "Σx"));
    }

    [Fact]
    public void Non_finite_values_are_errors_naming_the_column()
    {
        foreach (var infinite in new[] { double.PositiveInfinity, double.NegativeInfinity })
        {
            var ex = Assert.Throws<FixedPointOverflowException>(() => FixedPoint.Encode(infinite, "ratio"));
            Assert.Contains("column \"ratio\"", ex.Message, StringComparison.Ordinal);
            Assert.Equal("column \"ratio\": a value is outside the fixed-point range of a secure sum", ex.Redacted);
        }
        var nan = Assert.Throws<ArgumentException>(() => FixedPoint.Encode(double.NaN, "ratio"));
        Assert.Contains("column \"ratio\"", nan.Message, StringComparison.Ordinal);
    }
}
