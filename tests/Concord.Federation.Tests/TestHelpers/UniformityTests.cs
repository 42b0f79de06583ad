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
    public void Random_words_pass_and_sign_extended_small_values_fail_on_neighbouring_bits()
    {
        Uniformity.AssertWordsUniform(Words(1000), "random");
        Uniformity.AssertPooledBitsUniform(Words(20), 63, "random");
        // Balanced in every single bit over the signs, but each word's top bits are all equal.
        var signExtended = Words(1000).Select(w => (ulong)((long)w >> 40)).ToList();
        Assert.Contains("XOR", Assert.ThrowsAny<Exception>(() => Uniformity.AssertWordsUniform(signExtended, "small")).Message, StringComparison.Ordinal);
        Assert.Contains("XORs", Assert.ThrowsAny<Exception>(() => Uniformity.AssertPooledBitsUniform(signExtended, 64, "small")).Message, StringComparison.Ordinal);
        Assert.Contains("too few", Assert.ThrowsAny<Exception>(() => Uniformity.AssertWordsUniform(Words(100), "few")).Message, StringComparison.Ordinal);
    }
}
