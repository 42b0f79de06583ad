using System.Numerics;

namespace Concord.Tests.Shared;

/// <summary>
/// "Looks uniform" checks for values that must be indistinguishable from random (masked slots, masked sums, blinded
/// points). Each call fails a truly uniform input with probability below <see cref="FalsePositiveRate"/> = 1e-7, so a
/// test run making up to ten calls stays below 1e-6. Both need enough samples to have power; they refuse fewer.
/// </summary>
internal static class Uniformity
{
    public const double FalsePositiveRate = 1e-7;

    /// <summary>
    /// Bit balance: each of the low <paramref name="bits"/> bit positions is set in about half of the N samples. Under
    /// uniformity the ones at one position are Binomial(N, 1/2), and Hoeffding's inequality bounds
    /// P(|ones − N/2| ≥ t) ≤ 2·exp(−2t²/N). With t = √(N·ln(2·bits/α)/2) each position fails with probability at most
    /// α/bits, so any of them (union bound) with at most α = 1e-7. E.g. N = 186, 208 positions:
    /// ln(2·208/1e-7) = 22.15, t = √(93·22.15) = 45.4, so the ones must lie in 48..138. A stuck bit (0 or N ones)
    /// fails once N/2 > t, i.e. N > 2·ln(2·bits/α), which is required.
    /// </summary>
    public static void AssertBitBalance(IReadOnlyList<BigInteger> samples, int bits, string what)
    {
        var n = samples.Count;
        var logTerm = Math.Log(2 * bits / FalsePositiveRate);
        Assert.True(n > 2 * logTerm, $"{what}: {n} samples cannot show a stuck bit at α = {FalsePositiveRate}; at least {Math.Ceiling(2 * logTerm)} are needed");
        var t = Math.Sqrt(n * logTerm / 2);
        for (var b = 0; b < bits; b++)
        {
            var ones = samples.Count(s => !(s >> b).IsEven);
            Assert.True(Math.Abs(ones - (n / 2.0)) < t, $"{what}: bit {b} is set in {ones} of {n} samples; uniform values set it in {n / 2.0 - t:0}..{n / 2.0 + t:0}");
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
