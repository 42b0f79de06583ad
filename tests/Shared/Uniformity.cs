using System.Numerics;

namespace Concord.Tests.Shared;

/// <summary>
/// "Looks uniform" checks for values that must be indistinguishable from random (masked slots, masked sums, blinded
/// points, random ids). Each call fails a truly uniform input with probability below <see cref="FalsePositiveRate"/> =
/// 1e-7, so a test run making up to ten calls stays below 1e-6. Each needs enough samples to have power; it refuses fewer.
/// </summary>
/// <remarks>
/// The bit checks share one bound. Under uniformity the ones among N bits are Binomial(N, 1/2), and Hoeffding's
/// inequality gives P(|ones − N/2| ≥ t) ≤ 2·exp(−2t²/N). A check that counts ones at c places (bit positions, or
/// pools) takes t = √(N·ln(2·c/α)/2), so each place fails with probability at most α/c, and any of them (union bound)
/// with at most α. A stuck place (0 or N ones) fails once N/2 > t, i.e. N > 2·ln(2·c/α), which is required.
/// </remarks>
internal static class Uniformity
{
    public const double FalsePositiveRate = 1e-7;

    /// <summary>
    /// Bit balance: each of the low <paramref name="bits"/> bit positions is set in about half of the N samples.
    /// E.g. N = 186, 208 positions: ln(2·208/1e-7) = 22.15, t = √(93·22.15) = 45.4, so the ones must lie in 48..138.
    /// </summary>
    public static void AssertBitBalance(IReadOnlyList<BigInteger> samples, int bits, string what) =>
        AssertBalanced([.. Enumerable.Range(0, bits).Select(b => ($"bit {b}", (long)samples.Count(s => !(s >> b).IsEven)))], samples.Count, what);

    /// <summary>
    /// 64-bit words: each bit position, and each XOR of two neighbouring positions (which catches a sign-extended small
    /// value, whose top bits are balanced over signs but all equal within a word), is one in about half of the words:
    /// 64 + 63 places. At least 256 words, for power against a bias short of a stuck bit.
    /// </summary>
    public static void AssertWordsUniform(IReadOnlyCollection<ulong> words, string what)
    {
        Assert.True(words.Count >= 256, $"{what}: {words.Count} words are too few for a bit-balance check; at least 256 are needed");
        var ones = new long[64 + 63];
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
        AssertBalanced([.. ones.Select((count, p) => (p < 64 ? $"bit {p}" : $"bit {p - 64} XOR bit {p - 63}", count))], words.Count, what);
    }

    /// <summary>
    /// For too few words to test position by position: the ones among the low <paramref name="bits"/> bits of all
    /// words pooled, and among the XORs of neighbouring bits pooled: two places, each a Binomial of many bits.
    /// </summary>
    public static void AssertPooledBitsUniform(IReadOnlyCollection<ulong> words, int bits, string what)
    {
        var low = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1;
        var ones = words.Sum(w => (long)BitOperations.PopCount(w & low));
        var neighbours = words.Sum(w => (long)BitOperations.PopCount((w ^ (w >> 1)) & (low >> 1)));
        AssertBalanced([("all bits pooled", ones)], (long)words.Count * bits, what, places: 2);
        AssertBalanced([("all XORs of neighbouring bits pooled", neighbours)], (long)words.Count * (bits - 1), what, places: 2);
    }

    /// <summary>Ring elements of Z_2^128 limbs as 64-bit words, low half first.</summary>
    public static ulong[] Words(IEnumerable<UInt128> values) => [.. values.SelectMany(v => new[] { (ulong)v, (ulong)(v >> 64) })];

    /// <summary>The Hoeffding check of the remarks: <paramref name="ones"/> per place, out of <paramref name="n"/> bits each, α split over <paramref name="places"/>.</summary>
    private static void AssertBalanced(IReadOnlyList<(string Place, long Ones)> ones, long n, string what, int? places = null)
    {
        var logTerm = Math.Log(2 * (places ?? ones.Count) / FalsePositiveRate);
        Assert.True(n > 2 * logTerm, $"{what}: {n} samples cannot show a stuck bit at α = {FalsePositiveRate}; at least {Math.Ceiling(2 * logTerm)} are needed");
        var t = Math.Sqrt(n * logTerm / 2);
        foreach (var (place, count) in ones)
        {
            Assert.True(Math.Abs(count - (n / 2.0)) < t, $"{what} does not look uniform: {place} is one in {count} of {n}; uniform values give {n / 2.0 - t:0}..{n / 2.0 + t:0} (α = {FalsePositiveRate})");
        }
    }

    /// <summary>
    /// Byte values: Pearson's χ² of the counts of the 256 byte values, 255 degrees of freedom. Laurent and Massart
    /// (2000, Lemma 1): P(χ²_k ≥ k + 2√(k·x) + 2x) ≤ e^−x; x = ln(1/α) = ln(1e7) = 16.12 gives the threshold
    /// 255 + 2·√(255·16.12) + 2·16.12 = 255 + 128.2 + 32.2 = 415.5. Pearson's statistic follows χ²_255 closely when each
    /// value is expected at least 5 times, so at least 256·5 = 1280 bytes are required.
    /// </summary>
    public static void AssertBytesUniform(IReadOnlyList<byte> bytes, string what)
    {
        const int Values = 256;
        Assert.True(bytes.Count >= Values * 5, $"{what}: {bytes.Count} bytes are too few for the χ² approximation; at least {Values * 5} are needed");
        var counts = new int[Values];
        foreach (var b in bytes)
        {
            counts[b]++;
        }
        var expected = bytes.Count / (double)Values;
        var chi2 = counts.Sum(c => (c - expected) * (c - expected) / expected);
        var x = Math.Log(1 / FalsePositiveRate);
        var threshold = (Values - 1) + (2 * Math.Sqrt((Values - 1) * x)) + (2 * x);
        Assert.True(chi2 < threshold, $"{what}: χ² of the byte values is {chi2:0.0} over {bytes.Count} bytes; uniform bytes stay below {threshold:0.0}");
    }

    /// <summary>The low <paramref name="count"/> bytes of each value, least significant first: the bytes a uniform value below 2^(8·count) spreads evenly.</summary>
    public static List<byte> LowBytes(IEnumerable<BigInteger> values, int count) =>
        [.. values.SelectMany(v =>
        {
            var bytes = (v & ((BigInteger.One << (8 * count)) - 1)).ToByteArray(isUnsigned: true, isBigEndian: false);
            return bytes.Concat(new byte[Math.Max(0, count - bytes.Length)]).Take(count);
        })];
}
