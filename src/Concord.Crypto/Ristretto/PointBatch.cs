using Concord.Crypto.Hashing;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;

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
    /// H(id) for each id: the <see cref="SaltedIdHash"/> digest under ECDH's domain tag, then libsodium's hash-to-group.
    /// Parties that agree on the salt map the same id to the same element.
    /// </summary>
    public static byte[] HashToGroup(IReadOnlyList<string> ids, ReadOnlySpan<byte> salt, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(ids);
        using var timing = PhaseTimer.Start(Phase.Hashing);
        Ristretto255.EnsureAvailable();
        var points = new byte[ids.Count * Ristretto255.PointBytes];
        SaltedIdHash.Compute(ids, "concord-psi-v1"u8, salt, (i, digest) =>
            Ristretto255.FromHash(digest, points.AsSpan(i * Ristretto255.PointBytes, Ristretto255.PointBytes)), maxDegreeOfParallelism);
        return points;
    }

    /// <summary>scalar·P for every element P; throws <see cref="InvalidGroupElementException"/> naming <paramref name="what"/> on a bad one.</summary>
    public static byte[] Multiply(ReadOnlySpan<byte> scalar, byte[] points, string what = "a group element", int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(points);
        using var timing = PhaseTimer.Start(Phase.Exponentiation);
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
}
