using System.Buffers;
using System.Security.Cryptography;
using Concord.Crypto.Vector;
using Utf8 = System.Text.Encoding;

namespace Concord.Crypto.Ristretto;

/// <summary>
/// Many ristretto255 elements packed back to back (32 bytes each), the shape PSI sends over the wire; every
/// operation runs in parallel over the cores.
/// </summary>
public static class PointBatch
{
    // Below this an element-per-thread split costs more than it saves.
    private const int SerialBelow = 64;

    /// <summary>Number of elements in a packed buffer, with an error naming <paramref name="what"/> if it is ragged.</summary>
    public static int Count(ReadOnlySpan<byte> packed, string what) => packed.Length % Ristretto255.PointBytes == 0
        ? packed.Length / Ristretto255.PointBytes
        : throw new InvalidGroupElementException($"{what} is {packed.Length} bytes, not a whole number of {Ristretto255.PointBytes}-byte group elements");

    /// <summary>
    /// H(id) for each id: SHA-512 over a domain tag, the salt and the id's UTF-8 bytes, then libsodium's hash-to-group.
    /// Parties that agree on the salt map the same id to the same element.
    /// </summary>
    public static byte[] HashToGroup(IReadOnlyList<string> ids, ReadOnlySpan<byte> salt, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(ids);
        Ristretto255.EnsureAvailable();
        var prefix = SaltPrefix(salt);
        var points = new byte[ids.Count * Ristretto255.PointBytes];
        ParallelRange.For(ids.Count, Threads(ids.Count, maxDegreeOfParallelism), (from, to) =>
        {
            Span<byte> digest = stackalloc byte[Ristretto255.HashBytes];
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
                    Ristretto255.FromHash(digest, points.AsSpan(i * Ristretto255.PointBytes, Ristretto255.PointBytes));
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        });
        return points;
    }

    /// <summary>scalar·P for every element P; throws <see cref="InvalidGroupElementException"/> naming <paramref name="what"/> on a bad one.</summary>
    public static byte[] Multiply(ReadOnlySpan<byte> scalar, byte[] points, string what = "a group element", int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(points);
        var count = Count(points, what);
        var s = scalar.ToArray();
        var result = new byte[points.Length];
        InvalidGroupElementException? failure = null;
        ParallelRange.For(count, Threads(count, maxDegreeOfParallelism), (from, to) =>
        {
            for (var i = from; i < to; i++)
            {
                var at = i * Ristretto255.PointBytes;
                try
                {
                    Ristretto255.Multiply(s, points.AsSpan(at, Ristretto255.PointBytes), result.AsSpan(at, Ristretto255.PointBytes));
                }
                catch (InvalidGroupElementException)
                {
                    failure ??= new InvalidGroupElementException($"{what} #{i} is not a valid ristretto255 group element");
                    return;
                }
            }
        });
        return failure is null ? result : throw failure;
    }

    /// <summary>Element <paramref name="index"/> of a packed buffer.</summary>
    public static ReadOnlySpan<byte> At(ReadOnlySpan<byte> packed, int index) =>
        packed.Slice(index * Ristretto255.PointBytes, Ristretto255.PointBytes);

    private static int Threads(int count, int maxDegreeOfParallelism) => count < SerialBelow ? 1 : maxDegreeOfParallelism;

    // The length prefix keeps (salt "a", id "bc") apart from (salt "ab", id "c").
    private static byte[] SaltPrefix(ReadOnlySpan<byte> salt)
    {
        var tag = "concord-psi-v1"u8;
        var prefix = new byte[tag.Length + sizeof(int) + salt.Length];
        tag.CopyTo(prefix);
        BitConverter.TryWriteBytes(prefix.AsSpan(tag.Length), salt.Length);
        salt.CopyTo(prefix.AsSpan(tag.Length + sizeof(int)));
        return prefix;
    }
}
