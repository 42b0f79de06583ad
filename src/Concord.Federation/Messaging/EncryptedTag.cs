using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Messaging.Codecs;

namespace Concord.Federation.Messaging;

/// <summary>
/// A message that carries ciphertexts, which only mean something under the key they were encrypted with. Declared once
/// beside the protocol, sent as it is and received bound to the key (and the element count the receiver expects):
/// <code>
/// static readonly EncryptedTag&lt;CipherVector&gt; EncryptedResidual = EncryptedTag.Vector("encrypted_residual");
/// await batch.Hosts.Send(EncryptedResidual, residual, ct);
/// var residual = await batch.Guest.Receive(EncryptedResidual.Under(key, count: rows.Count), ct);
/// </code>
/// The codec checks the count and that every element is a valid ciphertext under the key; a bad message fails with
/// one line naming the tag, the sender and the limit it broke.
/// </summary>
public sealed class EncryptedTag<T>
{
    private readonly Func<PaillierPublicKey?, int?, IPayloadCodec<T>> _codec;

    internal EncryptedTag(string name, Func<PaillierPublicKey?, int?, IPayloadCodec<T>> codec)
    {
        _codec = codec;
        Sending = new Tag<T>(name, codec(null, null));
    }

    public string Name => Sending.Name;

    /// <summary>The tag for sending: the value carries its own key.</summary>
    public Tag<T> Sending { get; }

    /// <summary>The tag for receiving: ciphertexts are read under <paramref name="key"/>, and a vector must hold <paramref name="count"/> elements when given.</summary>
    public Tag<T> Under(PaillierPublicKey key, int? count = null) => new(Name, _codec(key, count));

    public static implicit operator Tag<T>(EncryptedTag<T> tag) => tag.Sending;

    public override string ToString() => Name;
}

/// <summary>Declares <see cref="EncryptedTag{T}"/>s.</summary>
public static class EncryptedTag
{
    /// <summary>A <see cref="CipherVector"/>; on the wire, the bytes of <see cref="CipherVector.ToBytes"/>.</summary>
    public static EncryptedTag<CipherVector> Vector(string name) => new(name, (key, count) => new CipherVectorCodec(key, count));

    /// <summary>One <see cref="Ciphertext"/> travelling alone; on the wire, the bytes of <see cref="Ciphertext.ToBytes"/>.</summary>
    public static EncryptedTag<Ciphertext> Single(string name) => new(name, (key, _) => new CiphertextCodec(key));

    /// <summary>A record that holds ciphertexts, with its own codec, e.g. a ciphertext and the public scale it is at.</summary>
    public static EncryptedTag<T> Of<T>(string name, Func<PaillierPublicKey?, IPayloadCodec<T>> codec) => new(name, (key, _) => codec(key));
}
