using System.Buffers;

namespace Concord.Crypto.Arithmetic;

/// <summary>
/// <see cref="MultiExponentiation"/>'s bucket method on bases already in Montgomery form, so that every bucket
/// product and window squaring is one division-free Montgomery multiplication on raw limbs. Converting the bases
/// costs one reduction each, paid once when many exponent vectors share them (the gradient kernel's columns).
/// </summary>
internal static class MontgomeryMultiExponentiation
{
    /// <summary>
    /// result = Π bases[i]^exponents[i] in Montgomery form (R mod m, the form of 1, when every exponent is zero), where
    /// base i is bases[i·stride .. (i+1)·stride) in Montgomery form and <paramref name="one"/> is R mod m.
    /// </summary>
    public static void Evaluate(MontgomeryModulus m, ReadOnlySpan<ulong> bases, ReadOnlySpan<ulong> exponents, ReadOnlySpan<ulong> one, Span<ulong> result)
    {
        var stride = m.Limbs;
        var (maxBits, nonZero) = MultiExponentiation.Profile(exponents);
        one.CopyTo(result);
        if (nonZero == 0)
        {
            return;
        }
        var c = MultiExponentiation.WindowBits(nonZero, maxBits);
        var mask = (1UL << c) - 1;
        var windows = (maxBits + c - 1) / c;
        var buckets = ArrayPool<ulong>.Shared.Rent((1 << c) * stride);
        var filled = ArrayPool<bool>.Shared.Rent(1 << c);
        Span<ulong> scratch = stackalloc ulong[2 * stride];
        Span<ulong> sum = stackalloc ulong[stride];
        Span<ulong> total = stackalloc ulong[stride];
        try
        {
            for (var w = windows - 1; w >= 0; w--)
            {
                for (var s = 0; s < c && w < windows - 1; s++)
                {
                    m.Multiply(result, result, result, scratch);
                }
                Array.Clear(filled, 0, 1 << c);
                var shift = w * c;
                for (var i = 0; i < exponents.Length; i++)
                {
                    var d = (int)((exponents[i] >> shift) & mask);
                    if (d == 0)
                    {
                        continue;
                    }
                    var bucket = buckets.AsSpan(d * stride, stride);
                    var b = bases.Slice(i * stride, stride);
                    if (filled[d])
                    {
                        m.Multiply(bucket, b, bucket, scratch);
                    }
                    else
                    {
                        b.CopyTo(bucket);
                        filled[d] = true;
                    }
                }
                // Π_d bucket_d^d by running products: after digit d, sum = Π_{k≥d} bucket_k, and total gathers one sum per d.
                var sumStarted = false;
                var totalStarted = false;
                for (var d = (int)mask; d >= 1; d--)
                {
                    if (filled[d])
                    {
                        Accumulate(m, sum, buckets.AsSpan(d * stride, stride), ref sumStarted, scratch);
                    }
                    if (sumStarted)
                    {
                        Accumulate(m, total, sum, ref totalStarted, scratch);
                    }
                }
                if (totalStarted)
                {
                    m.Multiply(result, total, result, scratch);
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(buckets);
            ArrayPool<bool>.Shared.Return(filled);
        }
    }

    private static void Accumulate(MontgomeryModulus m, Span<ulong> acc, ReadOnlySpan<ulong> value, ref bool started, Span<ulong> scratch)
    {
        if (started)
        {
            m.Multiply(acc, value, acc, scratch);
        }
        else
        {
            value.CopyTo(acc);
            started = true;
        }
    }
}
