using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Concord.Crypto.Profiling;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// Model updates as elements of Z_2^64 for a masked sum: x travels as round(x·2^f) in two's complement, eight bytes
/// like the double it replaces, so masking costs no bandwidth. Each value must leave ⌈log₂ n⌉ bits free for the sum
/// of n parties, so the total cannot wrap; a value outside is refused with its position rather than summed wrongly.
/// </summary>
public static class UpdateFixedPoint
{
    /// <summary>The largest magnitude one party's value may have for a sum over <paramref name="parties"/> parties.</summary>
    public static double MaxValue(int fractionBits, int parties) => Math.ScaleB(1.0, 63 - HeadroomBits(parties) - fractionBits);

    public static int HeadroomBits(int parties) => parties <= 1 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(parties - 1));

    /// <param name="who">Whose values, for the error message.</param>
    public static ulong[] Encode(ReadOnlySpan<double> values, int fractionBits, int parties, string who)
    {
        var encoded = new ulong[values.Length];
        Encode(values, encoded, fractionBits, parties, who);
        return encoded;
    }

    /// <summary>Encodes into <paramref name="destination"/>, so that a client can reuse one buffer every round rather than fault in fresh pages.</summary>
    public static void Encode(ReadOnlySpan<double> values, Span<ulong> destination, int fractionBits, int parties, string who)
    {
        using var timing = PhaseTimer.Start(Phase.Encoding);
        var limit = MaxValue(fractionBits, parties);
        // A power of two, so the product is exact: x·2^f as ScaleB would give it, without ScaleB's cost per element.
        var scale = Math.ScaleB(1.0, fractionBits);
        var j = EncodeVectors(values, destination, limit, scale);
        for (; j < values.Length; j++)
        {
            var v = values[j];
            if (!(Math.Abs(v) < limit))
            {
                throw new OverflowException(
                    $"{who}: value {v:G6} at position {j} of the update is outside the secure sum's fixed-point range ±{limit:G3} "
                    + $"(fraction_bits {fractionBits}, {parties} parties); lower fraction_bits or scale the features");
            }
            destination[j] = (ulong)(long)Math.Round(v * scale, MidpointRounding.ToEven);
        }
    }

    /// <summary>
    /// The encoding a vector register at a time (Vector256.Round rounds half to even, as Math.Round does); stops before
    /// the first register holding a value out of range, which the caller's element loop then names. Returns where it stopped.
    /// </summary>
    private static int EncodeVectors(ReadOnlySpan<double> values, Span<ulong> destination, double limit, double scale)
    {
        var source = MemoryMarshal.Cast<double, Vector256<double>>(values);
        var target = MemoryMarshal.Cast<ulong, Vector256<ulong>>(destination[..values.Length]);
        var (bound, factor) = (Vector256.Create(limit), Vector256.Create(scale));
        var i = 0;
        for (; i < source.Length && Vector256.LessThanAll(Vector256.Abs(source[i]), bound); i++)
        {
            target[i] = Vector256.ConvertToInt64(Vector256.Round(source[i] * factor)).AsUInt64();
        }
        return i * Vector256<double>.Count;
    }

    public static double[] Decode(ReadOnlySpan<ulong> sum, int fractionBits)
    {
        using var timing = PhaseTimer.Start(Phase.Decoding);
        var values = new double[sum.Length];
        var scale = Math.ScaleB(1.0, -fractionBits);
        var source = MemoryMarshal.Cast<ulong, Vector256<long>>(sum);
        var target = MemoryMarshal.Cast<double, Vector256<double>>(values.AsSpan());
        var factor = Vector256.Create(scale);
        for (var i = 0; i < source.Length; i++)
        {
            target[i] = Vector256.ConvertToDouble(source[i]) * factor;
        }
        for (var j = source.Length * Vector256<long>.Count; j < values.Length; j++)
        {
            values[j] = (double)(long)sum[j] * scale;
        }
        return values;
    }
}
