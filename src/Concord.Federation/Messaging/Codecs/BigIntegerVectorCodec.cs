using System.Numerics;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Big integers as length-prefixed two's-complement little-endian byte strings.</summary>
internal sealed class BigIntegerVectorCodec : IPayloadCodec<BigInteger[]>
{
    private readonly BytesCodec _item = new();

    public async ValueTask WriteAsync(BigInteger[] value, Stream destination, CancellationToken ct)
    {
        await WireIO.WriteInt64Async(destination, value.Length, ct).ConfigureAwait(false);
        foreach (var item in value)
        {
            await _item.WriteAsync(item.ToByteArray(), destination, ct).ConfigureAwait(false);
        }
    }

    public async ValueTask<BigInteger[]> ReadAsync(Stream source, CancellationToken ct)
    {
        var count = await WireIO.ReadLengthAsync(source, int.MaxValue / 8, ct).ConfigureAwait(false);
        var items = new BigInteger[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = new BigInteger(await _item.ReadAsync(source, ct).ConfigureAwait(false));
        }
        return items;
    }
}
