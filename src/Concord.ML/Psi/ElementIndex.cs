using System.Buffers.Binary;
using Concord.Crypto.Profiling;

namespace Concord.ML.Psi;

/// <summary>
/// A lookup from packed 32-byte values (ristretto255 elements for ECDH, signature digests for RSA) to their
/// positions, keyed on the first 128 bits and confirmed on all 256.
/// </summary>
internal sealed class ElementIndex
{
    public const int Width = 32;

    private readonly byte[] _packed;
    private readonly Dictionary<UInt128, int> _positions;

    private ElementIndex(byte[] packed, Dictionary<UInt128, int> positions)
    {
        _packed = packed;
        _positions = positions;
    }

    public static ElementIndex Of(byte[] packed)
    {
        using var timing = PhaseTimer.Start(Phase.Matching);
        var count = packed.Length / Width;
        var positions = new Dictionary<UInt128, int>(count);
        for (var i = 0; i < count; i++)
        {
            // A repeated value can only come from a repeated id, which a table does not allow; keep the first.
            positions.TryAdd(Key(At(packed, i)), i);
        }
        return new ElementIndex(packed, positions);
    }

    /// <summary>For each value of <paramref name="probes"/>, its position in this index, or −1.</summary>
    public int[] Positions(byte[] probes)
    {
        using var timing = PhaseTimer.Start(Phase.Matching);
        var count = probes.Length / Width;
        var found = new int[count];
        for (var i = 0; i < count; i++)
        {
            var probe = At(probes, i);
            found[i] = _positions.TryGetValue(Key(probe), out var at) && At(_packed, at).SequenceEqual(probe) ? at : -1;
        }
        return found;
    }

    private static ReadOnlySpan<byte> At(byte[] packed, int index) => packed.AsSpan(index * Width, Width);

    private static UInt128 Key(ReadOnlySpan<byte> element) => BinaryPrimitives.ReadUInt128LittleEndian(element);
}
