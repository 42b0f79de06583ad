using System.Runtime.InteropServices;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Arrays of fixed-size numbers, written in the machine's little-endian layout in 64 KiB chunks.</summary>
internal sealed class PrimitiveArrayCodec<T> : IPayloadCodec<T[]>
    where T : unmanaged
{
    private static readonly int ItemBytes = Marshal.SizeOf<T>();

    static PrimitiveArrayCodec()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("Concord's wire format is little-endian");
        }
    }

    public async ValueTask WriteAsync(T[] value, Stream destination, CancellationToken ct)
    {
        await WireIO.WriteInt64Async(destination, value.Length, ct).ConfigureAwait(false);
        var perChunk = Math.Max(1, WireIO.ChunkBytes / ItemBytes);
        var buffer = new byte[perChunk * ItemBytes];
        for (var offset = 0; offset < value.Length; offset += perChunk)
        {
            var count = Math.Min(perChunk, value.Length - offset);
            MemoryMarshal.AsBytes(value.AsSpan(offset, count)).CopyTo(buffer);
            await destination.WriteAsync(buffer.AsMemory(0, count * ItemBytes), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask<T[]> ReadAsync(Stream source, CancellationToken ct)
    {
        var count = await WireIO.ReadLengthAsync(source, Array.MaxLength / ItemBytes, ct).ConfigureAwait(false);
        var value = new T[count];
        var perChunk = Math.Max(1, WireIO.ChunkBytes / ItemBytes);
        var buffer = new byte[perChunk * ItemBytes];
        for (var offset = 0; offset < count; offset += perChunk)
        {
            var n = Math.Min(perChunk, count - offset);
            await WireIO.ReadExactlyAsync(source, buffer.AsMemory(0, n * ItemBytes), ct).ConfigureAwait(false);
            MemoryMarshal.Cast<byte, T>(buffer.AsSpan(0, n * ItemBytes)).CopyTo(value.AsSpan(offset, n));
        }
        return value;
    }
}
