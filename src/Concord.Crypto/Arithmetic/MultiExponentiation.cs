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
        var (maxBits, nonZero) = Profile(exponents);
        if (nonZero == 0)
        {
            ws.SetSmall(dst, 1);
            return;
        }
        var c = WindowBits(nonZero, maxBits);
        var mask = (1UL << c) - 1;
        var windows = (maxBits + c - 1) / c;
        var filled = ArrayPool<bool>.Shared.Rent(1 << c);
        try
        {
            // Registers: scratch, running product, window product, then one bucket per non-zero digit.
            using var f = ws.Frame((1 << c) + 2);
            int scratch = f[0], sum = f[1], total = f[2];
            var started = false;
            for (var w = windows - 1; w >= 0; w--)
            {
                if (started)
                {
                    for (var s = 0; s < c; s++)
                    {
                        ws.MulMod(dst, dst, dst, modulus);
                    }
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
                    var bucket = f[2 + d];
                    var b = bases.Slice(i * stride, stride);
                    if (filled[d])
                    {
                        ws.Set(scratch, b);
                        ws.MulMod(bucket, bucket, scratch, modulus);
                    }
                    else
                    {
                        ws.Set(bucket, b);
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
                        Accumulate(ws, sum, f[2 + d], ref sumStarted, modulus);
                    }
                    if (sumStarted)
                    {
                        Accumulate(ws, total, sum, ref totalStarted, modulus);
                    }
                }
                if (totalStarted)
                {
                    Accumulate(ws, dst, total, ref started, modulus);
                }
            }
            if (!started)
            {
                ws.SetSmall(dst, 1);
            }
        }
        finally
        {
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

    private static void Accumulate(Workspace ws, int acc, int value, ref bool started, int modulus)
    {
        if (started)
        {
            ws.MulMod(acc, acc, value, modulus);
        }
        else
        {
            ws.Copy(acc, value);
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
