namespace Concord.ML.SecureBoost;

/// <summary>Booleans as bits, least significant first: how partitions and prediction directions cross the wire.</summary>
internal static class BitMask
{
    public static byte[] Pack(IReadOnlyList<bool> bits)
    {
        var bytes = new byte[(bits.Count + 7) / 8];
        for (var i = 0; i < bits.Count; i++)
        {
            if (bits[i])
            {
                bytes[i >> 3] |= (byte)(1 << (i & 7));
            }
        }
        return bytes;
    }

    /// <summary>The first <paramref name="count"/> bits; a mask of another length is refused, naming <paramref name="what"/>.</summary>
    public static bool[] Unpack(byte[] bytes, int count, string what)
    {
        if (bytes.Length != (count + 7) / 8)
        {
            throw new InvalidDataException($"{what} holds {bytes.Length} bytes, not the {(count + 7) / 8} of {count} bits");
        }
        var bits = new bool[count];
        for (var i = 0; i < count; i++)
        {
            bits[i] = (bytes[i >> 3] & (1 << (i & 7))) != 0;
        }
        return bits;
    }
}
