using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Concord.Crypto.KeyAgreement;

namespace Concord.ML.SecureAggregation;

/// <summary>
/// Adds or subtracts a seed's AES-CTR mask stream (<see cref="MaskGenerator"/>) to a vector of Z_2^64, a chunk at a
/// time so the mask never exists whole. The chunking is part of the definition (an odd chunk takes half a block), so
/// every party expands a seed with this one method.
/// </summary>
public static class MaskExpansion
{
    private const int ChunkElements = 1 << 15;

    public static void Apply(Span<ulong> target, ReadOnlySpan<byte> seed, string label, bool add)
    {
        using var prg = new MaskGenerator(seed, label);
        var buffer = ArrayPool<ulong>.Shared.Rent(Math.Min(Math.Max(target.Length, 1), ChunkElements));
        try
        {
            for (var offset = 0; offset < target.Length; offset += ChunkElements)
            {
                var part = target.Slice(offset, Math.Min(ChunkElements, target.Length - offset));
                var mask = buffer.AsSpan(0, part.Length);
                prg.Fill(mask);
                if (add)
                {
                    Add(part, mask);
                }
                else
                {
                    Subtract(part, mask);
                }
            }
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>accumulator += values in Z_2^64, a SIMD register at a time.</summary>
    public static void Add(Span<ulong> accumulator, ReadOnlySpan<ulong> values)
    {
        var wide = MemoryMarshal.Cast<ulong, Vector<ulong>>(accumulator);
        var other = MemoryMarshal.Cast<ulong, Vector<ulong>>(values[..accumulator.Length]);
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] += other[i];
        }
        for (var i = wide.Length * Vector<ulong>.Count; i < accumulator.Length; i++)
        {
            accumulator[i] += values[i];
        }
    }

    public static void Subtract(Span<ulong> accumulator, ReadOnlySpan<ulong> values)
    {
        var wide = MemoryMarshal.Cast<ulong, Vector<ulong>>(accumulator);
        var other = MemoryMarshal.Cast<ulong, Vector<ulong>>(values[..accumulator.Length]);
        for (var i = 0; i < wide.Length; i++)
        {
            wide[i] -= other[i];
        }
        for (var i = wide.Length * Vector<ulong>.Count; i < accumulator.Length; i++)
        {
            accumulator[i] -= values[i];
        }
    }
}
