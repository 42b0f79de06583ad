namespace Concord.Federation.Messaging.Codecs;

/// <summary>A vector of byte strings, e.g. serialised ciphertexts: a count, then length-prefixed items.</summary>
internal sealed class ByteVectorCodec : IPayloadCodec<byte[][]>
{
    public async ValueTask WriteAsync(byte[][] value, Stream destination, CancellationToken ct)
    {
        var writer = new ChunkWriter(destination);
        await writer.WriteInt64Async(value.Length, ct).ConfigureAwait(false);
        foreach (var item in value)
        {
            await writer.WriteItemAsync(item, ct).ConfigureAwait(false);
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask<byte[][]> ReadAsync(Stream source, CancellationToken ct)
    {
        var reader = new ChunkReader(source);
        // Each item costs at least its 8-byte prefix, which bounds a plausible count.
        var count = await reader.ReadInt64Async(ct).ConfigureAwait(false);
        if (count < 0 || count > int.MaxValue / 8)
        {
            throw new InvalidDataException($"payload declares {count} items, outside 0..{int.MaxValue / 8}");
        }
        var items = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            if (!reader.TryReadItem(long.MaxValue, out items[i]))
            {
                await reader.FillAsync(ct).ConfigureAwait(false);
                if (!reader.TryReadItem(long.MaxValue, out items[i]))
                {
                    // An item larger than the buffer: read it directly.
                    items[i] = await reader.ReadItemAsync(long.MaxValue, ct).ConfigureAwait(false);
                }
            }
        }
        return items;
    }
}
