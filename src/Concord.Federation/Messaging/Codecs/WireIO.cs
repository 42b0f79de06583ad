using System.Buffers;
using System.Buffers.Binary;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Little-endian framing helpers shared by the codecs.</summary>
internal static class WireIO
{
    /// <summary>Payload chunks are at most this size; it bounds what any codec buffers at once.</summary>
    public const int ChunkBytes = 64 * 1024;

    public static async ValueTask WriteInt64Async(Stream s, long value, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8);
        try
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, value);
            await s.WriteAsync(buffer.AsMemory(0, 8), ct).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public static async ValueTask<long> ReadInt64Async(Stream s, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(8);
        try
        {
            await ReadExactlyAsync(s, buffer.AsMemory(0, 8), ct).ConfigureAwait(false);
            return BinaryPrimitives.ReadInt64LittleEndian(buffer);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Reads a length prefix and rejects one that cannot be right before allocating for it.</summary>
    public static async ValueTask<int> ReadLengthAsync(Stream s, long maxLength, CancellationToken ct)
    {
        var length = await ReadInt64Async(s, ct).ConfigureAwait(false);
        if (length < 0 || length > maxLength || length > Array.MaxLength)
        {
            throw new InvalidDataException($"payload declares length {length}, outside 0..{Math.Min(maxLength, Array.MaxLength)}");
        }
        return (int)length;
    }

    public static async ValueTask ReadExactlyAsync(Stream s, Memory<byte> buffer, CancellationToken ct)
    {
        try
        {
            await s.ReadExactlyAsync(buffer, ct).ConfigureAwait(false);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException("payload is truncated: the stream ended before the declared length", ex);
        }
    }
}
