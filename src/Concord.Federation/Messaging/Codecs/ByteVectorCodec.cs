namespace Concord.Federation.Messaging.Codecs;

/// <summary>A vector of byte strings, e.g. serialised ciphertexts: a count, then length-prefixed items.</summary>
internal sealed class ByteVectorCodec : IPayloadCodec<byte[][]>
{
    private readonly BytesCodec _item = new();

    public async ValueTask WriteAsync(byte[][] value, Stream destination, CancellationToken ct)
    {
        await WireIO.WriteInt64Async(destination, value.Length, ct).ConfigureAwait(false);
        foreach (var item in value)
        {
            await _item.WriteAsync(item, destination, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask<byte[][]> ReadAsync(Stream source, CancellationToken ct)
    {
        // Each item costs at least its 8-byte prefix, which bounds a plausible count.
        var count = await WireIO.ReadLengthAsync(source, int.MaxValue / 8, ct).ConfigureAwait(false);
        var items = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            items[i] = await _item.ReadAsync(source, ct).ConfigureAwait(false);
        }
        return items;
    }
}
