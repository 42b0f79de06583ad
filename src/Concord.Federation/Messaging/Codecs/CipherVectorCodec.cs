using System.Buffers.Binary;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>
/// A ciphertext vector in the bytes of <see cref="CipherVector.ToBytes"/> (a 4-byte big-endian count, then each
/// ciphertext in the key's fixed width), framed like any byte string, streamed element by element both ways. On receipt
/// the count must match what the receiver expects and every element must lie in [1, n²) and be coprime to n.
/// </summary>
internal sealed class CipherVectorCodec(PaillierPublicKey? key, int? expectedCount) : IPayloadCodec<CipherVector>
{
    public async ValueTask WriteAsync(CipherVector value, Stream destination, CancellationToken ct)
    {
        RequireKey(value.PublicKey);
        var size = value.PublicKey.CiphertextByteLength;
        var writer = new ChunkWriter(destination);
        await writer.WriteInt64Async(4 + ((long)value.Count * size), ct).ConfigureAwait(false);
        var element = new byte[Math.Max(size, 4)];
        BinaryPrimitives.WriteInt32BigEndian(element, value.Count);
        await writer.WriteAsync(element.AsMemory(0, 4), ct).ConfigureAwait(false);
        for (var i = 0; i < value.Count; i++)
        {
            value.WriteElement(i, element);
            await writer.WriteAsync(element.AsMemory(0, size), ct).ConfigureAwait(false);
        }
        await writer.FlushAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask<CipherVector> ReadAsync(Stream source, CancellationToken ct)
    {
        var publicKey = key ?? throw new InvalidOperationException("a ciphertext vector is read under a key: receive it with tag.Under(key)");
        var size = publicKey.CiphertextByteLength;
        var reader = new ChunkReader(source);
        var length = await reader.ReadInt64Async(ct).ConfigureAwait(false);
        if (length < 4 || (source.CanSeek && length > source.Length - source.Position + WireIO.ChunkBytes))
        {
            throw new InvalidDataException($"payload declares {length} bytes, which cannot hold a ciphertext vector here");
        }
        await reader.EnsureAsync(4, ct).ConfigureAwait(false);
        var count = BinaryPrimitives.ReadInt32BigEndian(reader.Take(4));
        if (count < 0 || length != 4 + ((long)count * size))
        {
            throw new InvalidDataException($"{length} bytes do not hold a count and {Math.Max(count, 0)} ciphertexts of {size} bytes");
        }
        if (expectedCount is int expected && count != expected)
        {
            throw new InvalidDataException($"{count} ciphertexts where {expected} were expected");
        }
        var builder = new CipherVectorBuilder(publicKey, count, "ciphertext vector");
        for (var i = 0; i < count; i++)
        {
            await reader.EnsureAsync(size, ct).ConfigureAwait(false);
            builder.Append(reader.Take(size));
        }
        return builder.ToVector();
    }

    private void RequireKey(PaillierPublicKey sent)
    {
        if (key is not null && !key.Equals(sent))
        {
            throw new ArgumentException("the ciphertext vector is under another key than the tag is bound to");
        }
    }
}
