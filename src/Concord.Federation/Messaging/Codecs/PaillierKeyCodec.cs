using Concord.Crypto.Paillier;

namespace Concord.Federation.Messaging.Codecs;

internal static class PaillierKeyCodecs
{
    /// <summary>n of a 16384-bit key and the header fit easily; anything longer is not a key.</summary>
    public static readonly PaillierKeyCodec<PaillierPublicKey> Public = new(k => k.ToBytes(), b => PaillierPublicKey.FromBytes(b), 4096);

    /// <summary>The private key also carries p, q and precomputed values.</summary>
    public static readonly PaillierKeyCodec<PaillierPrivateKey> Private = new(k => k.ToBytes(), b => PaillierPrivateKey.FromBytes(b), 16384);
}

/// <summary>A Paillier key in the bytes of its <c>ToBytes</c>, framed as a byte string: the bytes the byte[] tags carried.</summary>
internal sealed class PaillierKeyCodec<T>(Func<T, byte[]> toBytes, Func<byte[], T> fromBytes, int maxBytes) : IPayloadCodec<T>
{
    private readonly BytesCodec _bytes = new();

    public ValueTask WriteAsync(T value, Stream destination, CancellationToken ct) =>
        _bytes.WriteAsync(toBytes(value), destination, ct);

    public async ValueTask<T> ReadAsync(Stream source, CancellationToken ct)
    {
        var length = await WireIO.ReadLengthAsync(source, maxBytes, ct).ConfigureAwait(false);
        var bytes = new byte[length];
        await WireIO.ReadExactlyAsync(source, bytes, ct).ConfigureAwait(false);
        try
        {
            return fromBytes(bytes);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }
}
