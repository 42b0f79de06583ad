using Concord.ML.Correlation;
using Concord.ML.Tests.HeteroLinear;

namespace Concord.ML.Tests.Correlation;

/// <summary>
/// Hetero correlation on breast (569 aligned rows, 10 guest and 20 host columns) against the textbook formulas on the
/// joined table. Tolerance 1e-9 absolute per correlation: the fixed point (guest 2^40, host 2^32) rounds each product
/// by about 2^−33·|z_g|, about 1e−10 after dividing by n, and the doubles add about 1e−15.
/// </summary>
public class CorrelationProtocolTests
{
    private const double Tolerance = 1e-9;

    internal static readonly HeteroSide BreastGuest = HeteroSide.Read("breast_hetero_guest.csv", "y");
    internal static readonly HeteroSide BreastHost = HeteroSide.Read("breast_hetero_host.csv");

    [Fact]
    public async Task Pearson_matches_the_joined_table_and_only_the_guest_learns_the_cross_block()
    {
        var run = CorrelationFederation.Start(new CorrelationOptions(), (BreastGuest.Raw, BreastGuest.Ids), (BreastHost.Raw, BreastHost.Ids));
        Assert.Null(await run.SettleAsync());
        var guest = await run.Guest;
        var host = await run.Hosts[0];

        AssertBlock(BreastGuest.Raw, BreastGuest.Raw, guest.Local, PlaintextCorrelation.Pearson);
        AssertBlock(BreastHost.Raw, BreastHost.Raw, host.Local, PlaintextCorrelation.Pearson);
        var cross = Assert.Single(guest.Cross);
        Assert.Equal(CorrelationFederation.FirstHostId, cross.Party);
        Assert.Equal([.. Enumerable.Range(0, 20).Select(j => $"host_10000_{j}")], cross.Columns);
        AssertBlock(BreastGuest.Raw, BreastHost.Raw, cross.Correlations, PlaintextCorrelation.Pearson);
        Assert.Empty(host.Cross);
        Assert.Equal(BreastGuest.Raw.Names, guest.Features);
    }

    [Fact]
    public async Task Spearman_with_ties_and_two_hosts_who_learn_their_cross_blocks_matches_the_joined_table()
    {
        // One decimal leaves many ties, so the average ranks matter.
        var guest = Rounded(BreastGuest.Raw, 1);
        var hostA = Rounded(BreastHost.Raw.Select([.. BreastHost.Raw.Names.Take(7)]), 1);
        var hostB = Rounded(BreastHost.Raw.Select([.. BreastHost.Raw.Names.Skip(7)]), 1);
        Assert.True(guest[0].ToArray().Distinct().Count() < guest.RowCount / 4, "the rounded column should have many ties");
        var options = new CorrelationOptions { Method = CorrelationMethod.Spearman, HostLearnsCross = true };
        var run = CorrelationFederation.Start(options, (guest, BreastGuest.Ids), (hostA, BreastHost.Ids), (hostB, BreastHost.Ids));
        Assert.Null(await run.SettleAsync());
        var atGuest = await run.Guest;

        AssertBlock(guest, guest, atGuest.Local, PlaintextCorrelation.Spearman);
        Assert.Equal([10000, 10001], atGuest.Cross.Select(c => c.Party));
        AssertBlock(guest, hostA, atGuest.Cross[0].Correlations, PlaintextCorrelation.Spearman);
        AssertBlock(guest, hostB, atGuest.Cross[1].Correlations, PlaintextCorrelation.Spearman);
        foreach (var (hostTask, data) in run.Hosts.Zip([hostA, hostB]))
        {
            var atHost = await hostTask;
            AssertBlock(data, data, atHost.Local, PlaintextCorrelation.Spearman);
            var cross = Assert.Single(atHost.Cross);
            Assert.Equal(CorrelationFederation.GuestId, cross.Party);
            Assert.Equal([.. Enumerable.Range(0, 10).Select(g => $"guest_9999_{g}")], cross.Columns);
            AssertBlock(data, guest, cross.Correlations, PlaintextCorrelation.Spearman);
        }
    }

    [Fact]
    public void Average_ranks_share_tied_positions()
    {
        Assert.Equal([2.5, 1, 4, 2.5, 5.5, 5.5], AverageRanks.Of([3.0, 1, 4, 3, 9, 9]));
        Assert.Equal([1.0, 2, 3], AverageRanks.Of([-2.0, 0, 7]));
    }

    internal static void AssertBlock(NumericColumns rows, NumericColumns columns, double[][] block, Func<IReadOnlyList<double>, IReadOnlyList<double>, double> expected)
    {
        Assert.Equal(rows.ColumnCount, block.Length);
        for (var a = 0; a < rows.ColumnCount; a++)
        {
            Assert.Equal(columns.ColumnCount, block[a].Length);
            for (var b = 0; b < columns.ColumnCount; b++)
            {
                var want = expected(rows[a].ToArray(), columns[b].ToArray());
                Assert.True(Math.Abs(block[a][b] - want) <= Tolerance, $"[{rows.Names[a]}, {columns.Names[b]}] = {block[a][b]:R}, expected {want:R}");
            }
        }
    }

    private static NumericColumns Rounded(NumericColumns data, int digits) =>
        new(data.Names, [.. Enumerable.Range(0, data.ColumnCount).Select(c => data[c].ToArray().Select(x => Math.Round(x, digits)).ToArray())]);
}
