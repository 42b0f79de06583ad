using System.Buffers;
using System.Security.Cryptography;
using Concord.Crypto.Vector;
using Utf8 = System.Text.Encoding;

namespace Concord.Crypto.Hashing;

/// <summary>
/// The digest every PSI method starts from: SHA-512 over the method's domain tag, the length-prefixed salt and the
/// id's UTF-8 bytes. Parties that agree on the salt get the same digest for the same id; the domain tag keeps one
/// method's digests apart from another's, so that values from an ECDH run say nothing about an RSA run.
/// </summary>
public static class SaltedIdHash
{
    public const int DigestBytes = 64;

    // Below this a split across threads costs more than it saves.
    private const int SerialBelow = 64;

    /// <summary>Takes the digest of id <paramref name="index"/>; called from several threads at once, once per index.</summary>
    public delegate void DigestSink(int index, ReadOnlySpan<byte> digest);

    /// <summary>Hashes every id, in parallel over the cores, handing each digest to <paramref name="sink"/>.</summary>
    public static void Compute(IReadOnlyList<string> ids, ReadOnlySpan<byte> domain, ReadOnlySpan<byte> salt, DigestSink sink, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentNullException.ThrowIfNull(sink);
        var prefix = Prefix(domain, salt);
        ParallelRange.For(ids.Count, ids.Count < SerialBelow ? 1 : maxDegreeOfParallelism, (from, to) =>
        {
            Span<byte> digest = stackalloc byte[DigestBytes];
            var buffer = ArrayPool<byte>.Shared.Rent(prefix.Length + 256);
            try
            {
                prefix.CopyTo(buffer, 0);
                for (var i = from; i < to; i++)
                {
                    var id = ids[i];
                    var needed = prefix.Length + Utf8.UTF8.GetMaxByteCount(id.Length);
                    if (buffer.Length < needed)
                    {
                        ArrayPool<byte>.Shared.Return(buffer);
                        buffer = ArrayPool<byte>.Shared.Rent(needed);
                        prefix.CopyTo(buffer, 0);
                    }
                    var length = prefix.Length + Utf8.UTF8.GetBytes(id, buffer.AsSpan(prefix.Length));
                    SHA512.HashData(buffer.AsSpan(0, length), digest);
                    sink(i, digest);
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
    }

    // The length prefix keeps (salt "a", id "bc") apart from (salt "ab", id "c").
    private static byte[] Prefix(ReadOnlySpan<byte> domain, ReadOnlySpan<byte> salt)
    {
        var prefix = new byte[domain.Length + sizeof(int) + salt.Length];
        domain.CopyTo(prefix);
        BitConverter.TryWriteBytes(prefix.AsSpan(domain.Length), salt.Length);
        salt.CopyTo(prefix.AsSpan(domain.Length + sizeof(int)));
        return prefix;
    }
}
