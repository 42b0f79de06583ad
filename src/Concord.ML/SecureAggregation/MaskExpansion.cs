using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using Concord.Crypto.KeyAgreement;
using Concord.Crypto.Profiling;

namespace Concord.ML.SecureAggregation;

/// <summary>One mask to apply: the stream of <paramref name="Seed"/> under <paramref name="Label"/>, added or subtracted.</summary>
public sealed record MaskTerm(byte[] Seed, string Label, bool Add);

/// <summary>
/// Adds or subtracts seeds' AES-CTR mask streams (<see cref="MaskGenerator"/>) to a vector of Z_2^64. The vector is cut
/// into chunks small enough to stay in cache; each chunk takes every mask in turn (one pass over memory, however many
/// masks), and chunks run in parallel, each seeking its place in the streams. Element i of a mask is always the same
/// 64 bits of the same stream: chunks are an even number of elements, so an odd length takes half a block only at the end.
/// </summary>
public static class MaskExpansion
{
    private const int ChunkElements = 1 << 15;

    public static void Apply(ulong[] target, ReadOnlySpan<byte> seed, string label, bool add) => Apply(target, [new MaskTerm(seed.ToArray(), label, add)]);

    public static void Apply(ulong[] target, IReadOnlyList<MaskTerm> terms)
    {
        if (terms.Count == 0 || target.Length == 0)
        {
            return;
        }
        using var timing = PhaseTimer.Start(Phase.Masking);
        var chunks = (target.Length + ChunkElements - 1) / ChunkElements;
        Parallel.For(0, chunks, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, () => ArrayPool<ulong>.Shared.Rent(ChunkElements), (chunk, _, buffer) =>
        {
            var offset = chunk * ChunkElements;
            var part = target.AsSpan(offset, Math.Min(ChunkElements, target.Length - offset));
            var mask = buffer.AsSpan(0, part.Length);
            foreach (var term in terms)
            {
                using var prg = new MaskGenerator(term.Seed, term.Label);
                prg.Seek((UInt128)(offset / 2));
                prg.Fill(mask);
                if (term.Add)
                {
                    AddInPlace(part, mask);
                }
                else
                {
                    Subtract(part, mask);
                }
            }
            return buffer;
        }, buffer => ArrayPool<ulong>.Shared.Return(buffer, clearArray: true));
    }

    /// <summary>accumulator += values in Z_2^64: the arbiter summing masked inputs.</summary>
    public static void Add(Span<ulong> accumulator, ReadOnlySpan<ulong> values)
    {
        using var timing = PhaseTimer.Start(Phase.Summing);
        AddInPlace(accumulator, values);
    }

    /// <summary>accumulator += values in Z_2^64, a SIMD register at a time.</summary>
    private static void AddInPlace(Span<ulong> accumulator, ReadOnlySpan<ulong> values)
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
