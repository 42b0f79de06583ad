using Concord.Crypto.Paillier;
using Concord.Federation.Messaging;

namespace Concord.ML.HeteroLinear;

/// <summary>Enc(batch loss · Scale) as one ciphertext; the scale is public (fixed-point factors and the batch size).</summary>
internal sealed record EncryptedBatchLoss(Ciphertext Loss, double Scale)
{
    /// <summary>On the wire as JSON { ciphertext, scale }, the ciphertext read under the receiver's key and validated.</summary>
    public static IPayloadCodec<EncryptedBatchLoss> Codec(PaillierPublicKey? key) => new LossCodec(key);

    private sealed record Wire(byte[] Ciphertext, double Scale);

    private sealed class LossCodec(PaillierPublicKey? key) : IPayloadCodec<EncryptedBatchLoss>
    {
        private static readonly IPayloadCodec<Wire> Json = PayloadCodecs.For<Wire>();

        public ValueTask WriteAsync(EncryptedBatchLoss value, Stream destination, CancellationToken ct) =>
            Json.WriteAsync(new Wire(value.Loss.ToBytes(), value.Scale), destination, ct);

        public async ValueTask<EncryptedBatchLoss> ReadAsync(Stream source, CancellationToken ct)
        {
            var publicKey = key ?? throw new InvalidOperationException("an encrypted loss is read under a key: receive it with tag.Under(key)");
            var wire = await Json.ReadAsync(source, ct).ConfigureAwait(false);
            return new EncryptedBatchLoss(publicKey.CiphertextFromBytes(wire.Ciphertext, "the loss ciphertext"), wire.Scale);
        }
    }
}
