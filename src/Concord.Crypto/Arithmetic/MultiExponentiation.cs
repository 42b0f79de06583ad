using System.Buffers;
using System.Numerics;

namespace Concord.Crypto.Arithmetic;

/// <summary>
/// Π base_i^e_i mod m by Pippenger's bucket method: per c-bit window, each base is multiplied into the bucket of its
/// digit, and the buckets are combined by running products, so that N terms with b-bit exponents cost about
/// (b/c)·(N + 2^(c+1)) multiplications instead of the N·1.2·b of separate exponentiations.
/// </summary>
internal static class MultiExponentiation
{
    private const int MaxWindowBits = 16;

    /// <summary>
    /// dst = Π bases[i]^exponents[i] mod m, where base i is the limbs bases[i·stride .. (i+1)·stride).
    /// <paramref name="modulus"/> must hold m; the bases must already be reduced modulo m.
    /// </summary>
    public static void Evaluate(Workspace ws, int dst, ReadOnlySpan<ulong> bases, int stride, ReadOnlySpan<ulong> exponents, int modulus)
    {
        if ((long)exponents.Length * stride > bases.Length)
        {
            throw new ArgumentException($"{exponents.Length} exponents but only {bases.Length / Math.Max(stride, 1)} bases");
        }
        using var f = ws.Frame(2);
        Span<ulong> one = stackalloc ulong[stride];
        Span<ulong> result = stackalloc ulong[stride];
        one[0] = 1;
        Evaluate(new WorkspaceMultiplier(ws, f[0], f[1], modulus, stride), bases, exponents, one, result);
        ws.Set(dst, result);
    }

    /// <summary>
    /// result = Π bases[i]^exponents[i] in the multiplier's form, where base i is bases[i·stride .. (i+1)·stride) with
    /// stride = m.Limbs, and <paramref name="one"/> is 1 in that form (R mod m for Montgomery form).
    /// </summary>
    public static void Evaluate(ModularMultiplier m, ReadOnlySpan<ulong> bases, ReadOnlySpan<ulong> exponents, ReadOnlySpan<ulong> one, Span<ulong> result)
    {
        var stride = m.Limbs;
        var (maxBits, nonZero) = Profile(exponents);
        one.CopyTo(result);
        if (nonZero == 0)
        {
            return;
        }
        var c = WindowBits(nonZero, maxBits);
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

    /// <summary>The bit length of the largest exponent and how many are non-zero: what the window size depends on.</summary>
    internal static (int MaxBits, int NonZero) Profile(ReadOnlySpan<ulong> exponents)
    {
        var maxBits = 0;
        var nonZero = 0;
        foreach (var e in exponents)
        {
            maxBits = Math.Max(maxBits, 64 - BitOperations.LeadingZeroCount(e));
            nonZero += e == 0 ? 0 : 1;
        }
        return (maxBits, nonZero);
    }

    private static void Accumulate(ModularMultiplier m, Span<ulong> acc, ReadOnlySpan<ulong> value, ref bool started, Span<ulong> scratch)
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

    /// <summary>The window minimising ⌈b/c⌉·(N + 2^(c+1)) multiplications.</summary>
    internal static int WindowBits(int terms, int exponentBits)
    {
        var best = 1;
        var bestCost = double.MaxValue;
        for (var c = 1; c <= Math.Min(MaxWindowBits, exponentBits); c++)
        {
            var cost = Math.Ceiling((double)exponentBits / c) * (terms + Math.Pow(2, c + 1));
            if (cost < bestCost)
            {
                best = c;
                bestCost = cost;
            }
        }
        return best;
    }
}
