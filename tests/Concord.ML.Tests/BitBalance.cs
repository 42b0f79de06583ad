namespace Concord.ML.Tests;

/// <summary>
/// Whether 64-bit words look uniformly random: each bit position, and each XOR of two neighbouring positions (which
/// catches a sign-extended small value, whose top bits are balanced over signs but all equal within a word), must be
/// one in about half of the words.
/// </summary>
/// <remarks>
/// The tail: in m uniform words a position's count of ones is Bin(m, 1/2), and Hoeffding gives
/// P(|ones − m/2| ≥ k) ≤ 2·exp(−2k²/m). There are 64 + 63 = 127 positions; with k = √(m·ln(2·127/α)/2) each fails
/// with probability at most α/127, so a check of uniform words fails with probability at most α = 1e-8 (union bound).
/// A test that makes c checks has a false-positive rate below c·1e-8, which every caller keeps under 1e-6.
/// </remarks>
internal static class BitBalance
{
    public const double FalsePositiveRate = 1e-8;

    private const int Positions = 64 + 63;

    /// <summary>The first unbalanced position, described; null when the words look uniform.</summary>
    public static string? Imbalance(IReadOnlyCollection<ulong> words)
    {
        var m = words.Count;
        if (m < 256)
        {
            throw new ArgumentException($"{m} words are too few for a bit-balance check at α = {FalsePositiveRate}; give at least 256");
        }
        var ones = new long[Positions];
        foreach (var w in words)
        {
            var neighbours = w ^ (w >> 1);
            for (var b = 0; b < 64; b++)
            {
                ones[b] += (long)((w >> b) & 1);
            }
            for (var b = 0; b < 63; b++)
            {
                ones[64 + b] += (long)((neighbours >> b) & 1);
            }
        }
        var k = Math.Sqrt(m * Math.Log(2 * Positions / FalsePositiveRate) / 2);
        for (var p = 0; p < Positions; p++)
        {
            if (Math.Abs(ones[p] - (m / 2.0)) >= k)
            {
                var what = p < 64 ? $"bit {p}" : $"bit {p - 64} XOR bit {p - 63}";
                return $"{what} is one in {ones[p]} of {m} words; uniform words stay within {m / 2.0:F0} ± {k:F0} (α = {FalsePositiveRate})";
            }
        }
        return null;
    }

    /// <summary>
    /// For too few words to test position by position: the ones among the low <paramref name="bits"/> bits of all
    /// words pooled, and among the XORs of neighbouring bits pooled, are each Bin(count, 1/2) for uniform words. Same
    /// Hoeffding bound, α/2 for each of the two counts, so α = 1e-8 in all.
    /// </summary>
    public static string? PooledImbalance(IReadOnlyCollection<ulong> words, int bits)
    {
        var low = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var ones = words.Sum(w => (long)System.Numerics.BitOperations.PopCount(w & low));
        var neighbours = words.Sum(w => (long)System.Numerics.BitOperations.PopCount((w ^ (w >> 1)) & (low >> 1)));
        foreach (var (count, n, what) in new[] { (ones, (long)words.Count * bits, "bits"), (neighbours, (long)words.Count * (bits - 1), "XORs of neighbouring bits") })
        {
            var k = Math.Sqrt(n * Math.Log(2 * 2 / FalsePositiveRate) / 2);
            if (Math.Abs(count - (n / 2.0)) >= k)
            {
                return $"{count} of {n} {what} are one; uniform words stay within {n / 2.0:F0} ± {k:F0} (α = {FalsePositiveRate})";
            }
        }
        return null;
    }

    public static void AssertUniform(IReadOnlyCollection<ulong> words, string what)
    {
        var imbalance = Imbalance(words);
        Assert.True(imbalance is null, $"{what} does not look uniform: {imbalance}");
    }

    /// <summary>Ring elements of Z_2^128 limbs as 64-bit words, low half first.</summary>
    public static ulong[] Words(IEnumerable<UInt128> values) => [.. values.SelectMany(v => new[] { (ulong)v, (ulong)(v >> 64) })];
}
