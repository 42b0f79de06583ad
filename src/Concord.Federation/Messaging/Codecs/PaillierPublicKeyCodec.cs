using Concord.Crypto.Paillier;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>A Paillier public key in the bytes of <see cref="PaillierPublicKey.ToBytes"/>, framed as a byte string.</summary>
internal sealed class PaillierPublicKeyCodec : IPayloadCodec<PaillierPublicKey>
{
    /// <summary>n of a 16384-bit key and the header fit easily; anything longer is not a key.</summary>
    private const int MaxKeyBytes = 4096;

    private readonly BytesCodec _bytes = new();

    public ValueTask WriteAsync(PaillierPublicKey value, Stream destination, CancellationToken ct) =>
        _bytes.WriteAsync(value.ToBytes(), destination, ct);

    public async ValueTask<PaillierPublicKey> ReadAsync(Stream source, CancellationToken ct)
    {
        var length = await WireIO.ReadLengthAsync(source, MaxKeyBytes, ct).ConfigureAwait(false);
        var bytes = new byte[length];
        await WireIO.ReadExactlyAsync(source, bytes, ct).ConfigureAwait(false);
        try
        {
            return PaillierPublicKey.FromBytes(bytes);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
    }
}
