using System.Numerics;
using System.Security.Cryptography;
using Concord.Tests.Shared;

namespace Concord.Federation.Tests.TestHelpers;

/// <summary>The uniformity checks pass random values and fail the patterns a weak mask leaves.</summary>
public class UniformityTests
{
    private static List<BigInteger> Random(int count, int bits) =>
        [.. Enumerable.Range(0, count).Select(_ => new BigInteger(RandomNumberGenerator.GetBytes(bits / 8), isUnsigned: true))];

    [Fact]
    public void Random_values_pass_both_checks()
    {
        var values = Random(200, 208);
        Uniformity.AssertBitBalance(values, 208, "random");
        Uniformity.AssertBytesUniform(Uniformity.LowBytes(values, 26), "random");
    }

    [Fact]
    public void A_mask_of_too_few_bits_fails_the_bit_balance_and_the_byte_count()
    {
        var short136 = Random(200, 136);
        Assert.Contains("bit 136", Assert.ThrowsAny<Exception>(() => Uniformity.AssertBitBalance(short136, 208, "short")).Message, StringComparison.Ordinal);
        Assert.Contains("χ²", Assert.ThrowsAny<Exception>(() => Uniformity.AssertBytesUniform(Uniformity.LowBytes(short136, 26), "short")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_samples_are_refused_rather_than_passed()
    {
        Assert.Contains("samples cannot show", Assert.ThrowsAny<Exception>(() => Uniformity.AssertBitBalance(Random(20, 64), 64, "few")).Message, StringComparison.Ordinal);
        Assert.Contains("too few", Assert.ThrowsAny<Exception>(() => Uniformity.AssertBytesUniform(new byte[1000], "few")).Message, StringComparison.Ordinal);
    }

    private static ulong[] Words(int count) => [.. Enumerable.Range(0, count).Select(_ => BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8)))];

    [Fact]
    public void Random_words_pass_and_words_of_doubled_bits_fail_on_neighbouring_bits()
    {
        Uniformity.AssertWordsUniform(Words(1000), "random");
        Uniformity.AssertPooledBitsUniform(Words(20), 63, "random");
        // Every bit on its own is fair, and exactly half of all bits are one, but bits 2i and 2i+1 are equal: half the
        // neighbouring XORs are always zero.
        var doubled = Enumerable.Range(0, 1000).Select(_ => DoubledHalfOnes()).ToList();
        Assert.Contains("XOR", Assert.ThrowsAny<Exception>(() => Uniformity.AssertWordsUniform(doubled, "doubled")).Message, StringComparison.Ordinal);
        Assert.Contains("XORs", Assert.ThrowsAny<Exception>(() => Uniformity.AssertPooledBitsUniform(doubled, 64, "doubled")).Message, StringComparison.Ordinal);
        Assert.Contains("too few", Assert.ThrowsAny<Exception>(() => Uniformity.AssertWordsUniform(Words(100), "few")).Message, StringComparison.Ordinal);
    }

    /// <summary>16 random pairs of the 32 bit pairs set, both bits of each.</summary>
    private static ulong DoubledHalfOnes()
    {
        var pairs = Enumerable.Range(0, 32).ToArray();
        RandomNumberGenerator.Shuffle(pairs.AsSpan());
        return pairs.Take(16).Aggregate(0UL, (w, i) => w | (3UL << (2 * i)));
    }
}
