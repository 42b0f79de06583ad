using Concord.Crypto.Paillier;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>One ciphertext as a byte string of the key's fixed width; on receipt it must lie in [1, n²) and be coprime to n.</summary>
internal sealed class CiphertextCodec(PaillierPublicKey? key) : IPayloadCodec<Ciphertext>
{
    private readonly BytesCodec _bytes = new();

    public ValueTask WriteAsync(Ciphertext value, Stream destination, CancellationToken ct) =>
        _bytes.WriteAsync(value.ToBytes(), destination, ct);

    public async ValueTask<Ciphertext> ReadAsync(Stream source, CancellationToken ct)
    {
        var publicKey = key ?? throw new InvalidOperationException("a ciphertext is read under a key: receive it with tag.Under(key)");
        var length = await WireIO.ReadLengthAsync(source, publicKey.CiphertextByteLength, ct).ConfigureAwait(false);
        var bytes = new byte[length];
        await WireIO.ReadExactlyAsync(source, bytes, ct).ConfigureAwait(false);
        return publicKey.CiphertextFromBytes(bytes);
    }
}
