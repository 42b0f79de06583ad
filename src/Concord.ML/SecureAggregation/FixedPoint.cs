using System.Numerics;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// Signed fixed-point numbers in the rings the pairwise masks live in: x travels as round(x·2^32) in two's
/// complement, so the sum of encodings is the encoding of the sum and negatives wrap to the top of the ring.
/// </summary>
/// <remarks>
/// A ring element may span several 128-bit limbs (Z_2^256 for exact sums of squares). One party's quantity must
/// leave <see cref="HeadroomBits"/> bits free, so that the sum over up to 2^16 parties cannot wrap. A value outside
/// raises <see cref="FixedPointOverflowException"/> naming the column: a wrapped total would be a silent wrong answer.
/// </remarks>
public static class FixedPoint
{
    public const int FractionBits = 32;

    /// <summary>Bits kept free above each party's quantity so that the sum cannot wrap.</summary>
    public const int HeadroomBits = 16;

    public const int MaxParties = 1 << HeadroomBits;

    private const int LimbBits = 128;

    /// <summary>The largest magnitude a single value may have: 2^79, about 6e23, so its encoding fits one limb with headroom.</summary>
    public static double MaxValue { get; } = Math.ScaleB(1.0, LimbBits - 1 - HeadroomBits - FractionBits);

    /// <summary>round(value·2^32), exactly; ties go to even.</summary>
    public static Int128 Quantize(double value, string column)
    {
        if (double.IsNaN(value))
        {
            throw new ArgumentException($"column \"{column}\": NaN has no fixed-point encoding; a missing value must be left out", nameof(value));
        }
        if (!(Math.Abs(value) < MaxValue))
        {
            throw new FixedPointOverflowException(column, "a value", $"column \"{column}\": {value:R} is outside the fixed-point range ±2^79 ({MaxValue:G3})");
        }
        return (Int128)Math.Round(Math.ScaleB(value, FractionBits), MidpointRounding.ToEven);
    }

    /// <summary>A value as one element of Z_2^128.</summary>
    public static UInt128 Encode(double value, string column) => (UInt128)Quantize(value, column);

    public static double Decode(UInt128 element) => Math.ScaleB((double)(Int128)element, -FractionBits);

    /// <summary>
    /// Writes an integer (a count, or a sum at scale 2^<paramref name="scaleBits"/>) as one ring element of
    /// <c>limbs.Length</c> limbs, after checking that it leaves the headroom.
    /// </summary>
    /// <param name="quantity">What the integer is, for the error message, e.g. "Σx²".</param>
    public static void ToRing(BigInteger value, Span<UInt128> limbs, int scaleBits, string column, string quantity)
    {
        var magnitudeBits = LimbBits * limbs.Length - 1 - HeadroomBits;
        if (BigInteger.Abs(value) >= BigInteger.One << magnitudeBits)
        {
            throw new FixedPointOverflowException(column, quantity,
                $"column \"{column}\": {quantity} = {Math.ScaleB((double)value, -scaleBits):G6} is outside the fixed-point range of a secure sum (±2^{magnitudeBits - scaleBits})");
        }
        var wrapped = value.Sign < 0 ? (BigInteger.One << (LimbBits * limbs.Length)) + value : value;
        for (var l = 0; l < limbs.Length; l++, wrapped >>= LimbBits)
        {
            limbs[l] = (UInt128)(wrapped & UInt128.MaxValue);
        }
    }

    /// <summary>A ring element of one or more limbs read as a signed integer (two's complement).</summary>
    public static BigInteger FromRing(ReadOnlySpan<UInt128> limbs)
    {
        var value = BigInteger.Zero;
        for (var l = limbs.Length - 1; l >= 0; l--)
        {
            value = (value << LimbBits) | limbs[l];
        }
        return limbs[^1] >> (LimbBits - 1) == 1 ? value - (BigInteger.One << (LimbBits * limbs.Length)) : value;
    }
}
