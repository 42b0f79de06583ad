namespace Concord.Federation.Messaging.Codecs;

internal sealed class BytesCodec : IPayloadCodec<byte[]>
{
    public async ValueTask WriteAsync(byte[] value, Stream destination, CancellationToken ct)
    {
        await WireIO.WriteInt64Async(destination, value.Length, ct).ConfigureAwait(false);
        for (var offset = 0; offset < value.Length; offset += WireIO.ChunkBytes)
        {
            var count = Math.Min(WireIO.ChunkBytes, value.Length - offset);
            await destination.WriteAsync(value.AsMemory(offset, count), ct).ConfigureAwait(false);
        }
    }

    public async ValueTask<byte[]> ReadAsync(Stream source, CancellationToken ct)
    {
        var length = await WireIO.ReadLengthAsync(source, long.MaxValue, ct).ConfigureAwait(false);
        var value = new byte[length];
        await WireIO.ReadExactlyAsync(source, value, ct).ConfigureAwait(false);
        return value;
    }
}
