using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Encoding;

/// <summary>
/// python-paillier's fixed-point encoding, which FATE uses too: base 16; a float's exponent is chosen to keep all 53
/// bits of its significand (or from an explicit precision); the mantissa is rounded half-to-even; magnitudes above
/// max_int = ⌊n/3⌋ − 1 are refused, and a decrypted plaintext between max_int and n − max_int is reported as overflow.
/// </summary>
public static class FixedPointEncoding
{
    public const int Base = 16;
    private const int Log2Base = 4;
    private const int FloatMantissaBits = 53;

    /// <summary>Encodes a float; <paramref name="precision"/> (e.g. 1e-6) fixes the exponent at ⌊log₁₆ precision⌋ instead.</summary>
    public static EncodedNumber Encode(PaillierPublicKey key, double value, double? precision = null, int? maxExponent = null)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"cannot encode {value}: only finite numbers have a fixed-point form", nameof(value));
        }
        var (negative, significand, binaryExponent) = Decompose(value);
        var frexpExponent = significand == 0 ? 0 : 64 - BitOperations.LeadingZeroCount(significand) + binaryExponent;
        var exponent = precision is { } p
            ? PrecisionExponent(p)
            : FloorDiv(frexpExponent - FloatMantissaBits, Log2Base);
        return EncodeParts(key, negative, significand, binaryExponent, Math.Min(exponent, maxExponent ?? int.MaxValue));
    }

    /// <summary>Encodes an integer exactly (exponent 0) unless a precision or a lower maximum exponent says otherwise.</summary>
    public static EncodedNumber Encode(PaillierPublicKey key, long value, double? precision = null, int? maxExponent = null)
    {
        var exponent = precision is { } p ? PrecisionExponent(p) : 0;
        var magnitude = value < 0 ? (ulong)-(value + 1) + 1 : (ulong)value;
        return EncodeParts(key, value < 0, magnitude, 0, Math.Min(exponent, maxExponent ?? int.MaxValue));
    }

    /// <summary>The value of a plaintext; throws <see cref="FixedPointOverflowException"/> when it lies in the overflow band.</summary>
    public static double Decode(PaillierPublicKey key, EncodedNumber number)
    {
        var (negative, magnitude) = SignedMantissa(key, number.Encoding);
        var value = ToDouble(magnitude, Log2Base * (long)number.Exponent);
        return negative ? -value : value;
    }

    /// <summary>The signed mantissa of an encoding, with python-paillier's overflow check.</summary>
    public static (bool Negative, BigNat Magnitude) SignedMantissa(PaillierPublicKey key, BigNat encoding)
    {
        if (encoding >= key.N)
        {
            throw new ArgumentOutOfRangeException(nameof(encoding), "encoding must be below n");
        }
        if (encoding <= key.MaxInt)
        {
            return (false, encoding);
        }
        var negativeMagnitude = key.N - encoding;
        if (negativeMagnitude <= key.MaxInt)
        {
            return (true, negativeMagnitude);
        }
        throw new FixedPointOverflowException(
            "overflow detected in a decrypted number: its plaintext lies between max_int and n − max_int, so a sum or product exceeded n/3");
    }

    /// <summary>round(±significand · 2^binaryExponent / 16^exponent) modulo n.</summary>
    private static EncodedNumber EncodeParts(PaillierPublicKey key, bool negative, ulong significand, int binaryExponent, int exponent)
    {
        var shift = binaryExponent - (Log2Base * (long)exponent);
        BigNat magnitude;
        if (shift >= 0)
        {
            var bits = 64 - BitOperations.LeadingZeroCount(significand) + shift;
            if (significand != 0 && bits > key.Bits)
            {
                throw Overflow(key, negative, significand, binaryExponent, exponent);
            }
            magnitude = significand == 0 ? BigNat.Zero : BigNat.FromUInt64(significand).ShiftLeft((int)shift);
        }
        else
        {
            magnitude = BigNat.FromUInt64(RoundHalfEvenShiftRight(significand, -shift));
        }
        if (magnitude > key.MaxInt)
        {
            throw Overflow(key, negative, significand, binaryExponent, exponent);
        }
        var encoding = negative && !magnitude.IsZero ? key.N - magnitude : magnitude;
        return new EncodedNumber(encoding, exponent);
    }

    private static FixedPointOverflowException Overflow(PaillierPublicKey key, bool negative, ulong significand, int binaryExponent, int exponent) =>
        new($"{(negative ? "-" : "")}{Math.ScaleB(significand, binaryExponent)} does not fit a {key.Bits}-bit key at exponent {exponent}: " +
            "its mantissa would exceed max_int = n/3");

    private static ulong RoundHalfEvenShiftRight(ulong value, long shift)
    {
        if (shift >= 65)
        {
            return 0;
        }
        var quotient = shift == 64 ? 0 : value >> (int)shift;
        var remainder = shift == 64 ? value : value & ((1UL << (int)shift) - 1);
        var half = 1UL << (int)(shift - 1);
        return remainder > half || (remainder == half && (quotient & 1) == 1) ? quotient + 1 : quotient;
    }

    /// <summary>±significand · 2^binaryExponent, exactly, with the significand an integer.</summary>
    private static (bool Negative, ulong Significand, int BinaryExponent) Decompose(double value)
    {
        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var fraction = (ulong)bits & ((1UL << 52) - 1);
        return biased == 0
            ? (bits < 0, fraction, -1074)
            : (bits < 0, fraction | (1UL << 52), biased - 1075);
    }

    private static int PrecisionExponent(double precision)
    {
        if (!(precision > 0) || !double.IsFinite(precision))
        {
            throw new ArgumentOutOfRangeException(nameof(precision), precision, "precision must be a positive finite number");
        }
        return (int)Math.Floor(Math.Log(precision) / Math.Log(Base));
    }

    private static int FloorDiv(int a, int b) => (int)Math.Floor((double)a / b);

    /// <summary>magnitude · 2^scale, rounded once: the top 64 bits carry a sticky bit for everything below them.</summary>
    private static double ToDouble(BigNat magnitude, long scale)
    {
        var bits = magnitude.BitLength;
        if (bits <= 64)
        {
            return Math.ScaleB((double)magnitude.ToUInt64(), (int)Math.Clamp(scale, -4000, 4000));
        }
        var drop = bits - 64;
        var limbs = magnitude.Limbs;
        var (limb, offset) = (drop >> 6, drop & 63);
        var top = offset == 0 ? limbs[limb] : (limbs[limb] >> offset) | (limbs[limb + 1] << (64 - offset));
        var sticky = offset != 0 && (limbs[limb] & ((1UL << offset) - 1)) != 0;
        for (var i = 0; i < limb && !sticky; i++)
        {
            sticky = limbs[i] != 0;
        }
        return Math.ScaleB((double)(top | (sticky ? 1UL : 0)), (int)Math.Clamp(drop + scale, -4000, 4000));
    }
}
