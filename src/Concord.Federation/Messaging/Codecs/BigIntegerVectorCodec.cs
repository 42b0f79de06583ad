using System.Numerics;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Big integers as length-prefixed two's-complement little-endian byte strings.</summary>
internal sealed class BigIntegerVectorCodec : IPayloadCodec<BigInteger[]>
{
    private readonly ByteVectorCodec _bytes = new();

    public ValueTask WriteAsync(BigInteger[] value, Stream destination, CancellationToken ct) =>
        _bytes.WriteAsync([.. value.Select(v => v.ToByteArray())], destination, ct);

    public async ValueTask<BigInteger[]> ReadAsync(Stream source, CancellationToken ct) =>
        [.. (await _bytes.ReadAsync(source, ct).ConfigureAwait(false)).Select(b => new BigInteger(b))];
}
