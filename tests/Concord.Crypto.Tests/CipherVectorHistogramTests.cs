using Concord.Crypto.Arithmetic;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Tests;

/// <summary>The operations SecureBoost's hosts build encrypted histograms with, against plaintext sums, on both backends.</summary>
public class CipherVectorHistogramTests
{
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Group_sums_subtraction_and_rerandomisation_match_plaintext_sums(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var values = Enumerable.Range(0, 60).Select(i => (ulong)((i * 37) + 1)).ToArray();
        var vector = CipherVector.Encrypt(pk, [.. values.Select(v => (BigNat)v)]);
        int[] elements = [.. Enumerable.Range(0, 60).Where(i => i % 5 != 0)];
        byte[][] groupOf = [[.. elements.Select(i => (byte)(i % 3))], [.. elements.Select(i => (byte)(i < 30 ? 0 : 2))]];
        var sums = vector.SumByGroup(elements, groupOf, groupCount: 4);
        ulong Expected(int f, int g) => (ulong)elements.Where((_, k) => groupOf[f][k] == g).Sum(i => (long)values[i]);
        var expected = Enumerable.Range(0, 2).SelectMany(f => Enumerable.Range(0, 4).Select(g => (BigNat)Expected(f, g))).ToArray();
        Assert.Equal(expected, sums.Decrypt(sk));
        Assert.Equal(1UL, sums[3].Value.ToUInt64());

        var rerandomized = sums.Rerandomize();
        Assert.Equal(expected, rerandomized.Decrypt(sk));
        Assert.All(Enumerable.Range(0, sums.Count).Where(i => Expected(i / 4, i % 4) > 0), i => Assert.NotEqual(sums[i].Value, rerandomized[i].Value));
        var whole = vector.SumByGroup([.. Enumerable.Range(0, 60)], [new byte[60]], groupCount: 1);
        var part = vector.SumByGroup(elements, [new byte[elements.Length]], groupCount: 1);
        Assert.Equal((BigNat)values.Where((_, i) => i % 5 == 0).Aggregate(0UL, (a, v) => a + v), whole.Subtract(part).Decrypt(sk)[0]);
        Assert.Equal([values[7], values[2]], vector.Gather([7, 2]).Decrypt(sk).Select(v => v.ToUInt64()));
        Assert.All(vector.SumByGroup([], [[]], groupCount: 3).Decrypt(sk), v => Assert.True(v.IsZero));
    }
}
