using Concord.Crypto.Encoding;

namespace Concord.Crypto.SecretSharing;

/// <summary>
/// Fixed-point numbers in the ring Z_2^64: x is held as round(x · 2^f) in two's complement, so ring addition is
/// addition of values, and a ring product carries 2f fractional bits until truncated.
/// </summary>
public static class RingFixedPoint
{
    private const double TwoTo63 = 9223372036854775808.0;

    public static ulong Encode(double value, int fractionalBits)
    {
        RequireFractionalBits(fractionalBits);
        var scaled = Math.Round(Math.ScaleB(value, fractionalBits), MidpointRounding.ToEven);
        // [−2^63, 2^63): both bounds are powers of two, exact as doubles.
        if (!double.IsFinite(scaled) || scaled < -TwoTo63 || scaled >= TwoTo63)
        {
            throw new FixedPointOverflowException($"{value} does not fit 64-bit fixed point with {fractionalBits} fractional bits");
        }
        return (ulong)(long)scaled;
    }

    public static double Decode(ulong encoded, int fractionalBits)
    {
        RequireFractionalBits(fractionalBits);
        return Math.ScaleB((long)encoded, -fractionalBits);
    }

    public static ulong[] Encode(ReadOnlySpan<double> values, int fractionalBits)
    {
        var result = new ulong[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = Encode(values[i], fractionalBits);
        }
        return result;
    }

    public static double[] Decode(ReadOnlySpan<ulong> encoded, int fractionalBits)
    {
        var result = new double[encoded.Length];
        for (var i = 0; i < encoded.Length; i++)
        {
            result[i] = Decode(encoded[i], fractionalBits);
        }
        return result;
    }

    private static void RequireFractionalBits(int fractionalBits)
    {
        if (fractionalBits is < 0 or > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionalBits), fractionalBits, "fractional bits must be between 0 and 62");
        }
    }
}
