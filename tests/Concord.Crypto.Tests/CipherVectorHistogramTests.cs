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

    /// <summary>
    /// Joint blocks of every size give the plaintext sums: random groupings with uneven group counts (some groups
    /// empty), on both backends, summed one grouping at a time, in blocks of two, and as the planner chooses.
    /// </summary>
    [Theory]
    [MemberData(nameof(TestKeys.Backends), MemberType = typeof(TestKeys))]
    public void Joint_blocks_give_the_plaintext_sums_of_every_grouping(string backend)
    {
        var (pk, sk) = TestKeys.Small(backend);
        var random = new Random(7);
        var values = Enumerable.Range(0, 300).Select(_ => (ulong)random.Next(0, 1000)).ToArray();
        var vector = CipherVector.Encrypt(pk, [.. values.Select(v => (BigNat)v)]);
        int[] elements = [.. Enumerable.Range(0, 300).Where(_ => random.Next(4) > 0)];
        const int groupCount = 6;
        byte[][] groupOf = [.. Enumerable.Range(0, 7).Select(f => elements.Select(_ => (byte)random.Next(0, 1 + (f % groupCount))).ToArray())];
        var expected = Enumerable.Range(0, groupOf.Length).SelectMany(f => Enumerable.Range(0, groupCount)
            .Select(g => (BigNat)(ulong)elements.Where((_, k) => groupOf[f][k] == g).Sum(i => (long)values[i]))).ToArray();
        foreach (var blockSize in new[] { 1, 2, int.MaxValue })
        {
            foreach (var threads in new[] { 1, 3 })
            {
                Assert.Equal(expected, vector.SumByGroup(elements, groupOf, groupCount, threads, blockSize).Decrypt(sk));
            }
        }
    }

    [Fact]
    public void The_plan_joins_three_ten_bin_columns_of_a_hundred_thousand_rows_and_never_two_of_two_hundred_bins()
    {
        var plan = JointGroupings.Plan([.. Enumerable.Repeat(10, 300)], elements: 100_000, threads: 2);
        Assert.All(plan.Blocks, b => Assert.Equal(3, b.Members.Length));
        Assert.Equal(Enumerable.Range(0, 300), plan.Blocks.SelectMany(b => b.Members));
        Assert.Equal(100 * 1000, plan.Blocks.Sum(b => b.Cells));
        Assert.All(JointGroupings.Plan([.. Enumerable.Repeat(200, 5)], elements: 10_000_000, threads: 2).Blocks, b => Assert.Single(b.Members));
    }

    [Fact]
    public void A_block_numbers_its_cells_in_mixed_radix_and_reads_each_members_group_back()
    {
        var block = JointGroupings.Plan([3, 4, 5], elements: 1_000_000, threads: 1).Blocks.Single();
        byte[][] groupOf = [[2], [3], [4]];
        var cell = block.Cell(groupOf, 0);
        Assert.Equal(2 + (3 * 3) + (4 * 12), cell);
        Assert.Equal([2, 3, 4], Enumerable.Range(0, 3).Select(i => block.Group(cell, i)));
    }
}
