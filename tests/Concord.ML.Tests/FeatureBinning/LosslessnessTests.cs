using Concord.ML.FeatureBinning;
using Concord.ML.LocalBaseline;

namespace Concord.ML.Tests.FeatureBinning;

/// <summary>
/// The federated run equals plaintext binning of the joined table: the same cut points (exactly), the same rows and
/// events per bin (exactly), WOE and IV within 1e-12 (both are the same double formula on the same integers, so in
/// practice bit-equal; the tolerance allows a different summation order).
/// </summary>
public class LosslessnessTests
{
    private const double Tolerance = 1e-12;
    private const int Rows = 240;

    [Theory]
    [InlineData(BinningMethod.Quantile, BinningMethod.Quantile, 10)]
    [InlineData(BinningMethod.Optimal, BinningMethod.Bucket, 5)]
    public async Task Binary_guest_and_two_hosts_equal_the_joined_plaintext(BinningMethod guestMethod, BinningMethod hostMethod, int bins)
    {
        var labels = SplitData.Labels(Rows, 2, seed: 1);
        var guest = SplitData.Columns("g", 3, labels, seed: 2);
        var hosts = new[] { SplitData.Columns("a", 4, labels, seed: 3), SplitData.Columns("b", 2, labels, seed: 4) };
        var guestOptions = new FeatureBinningOptions { Method = guestMethod, BinNum = bins, OptimalInitBins = 40 };
        var hostOptions = new FeatureBinningOptions { Method = hostMethod, BinNum = bins };

        var run = await BinningFederation.RunAsync(new(SplitData.Ids(Rows), guest, labels), guestOptions,
            [.. hosts.Select(h => (new BinningData(SplitData.Ids(Rows), h), hostOptions))]);
        var result = await run.Guest;

        AssertTables(LocalFeatureBinning.Run(guest, labels, guestOptions), result.OwnTables, cutsKnown: true);
        for (var h = 0; h < hosts.Length; h++)
        {
            var expected = LocalFeatureBinning.Run(hosts[h], labels, hostOptions);
            var atGuest = result.HostTables.Where(t => t.Party == $"host:{BinningFederation.FirstHostId + h}").ToList();
            AssertTables(expected, atGuest, cutsKnown: false);
            Assert.Equal([.. Enumerable.Range(0, hosts[h].ColumnCount).Select(c => $"host_{BinningFederation.FirstHostId + h}_x{c}")], atGuest.Select(t => t.Column));
            // The host gets its own cut points, and the guest's WOE and IV of its bins.
            var atHost = (await run.Hosts[h]).OwnTables;
            for (var c = 0; c < expected.Count; c++)
            {
                Assert.Equal(expected[c].Cuts, atHost[c].Cuts);
                Assert.Equal(expected[c].Iv, atHost[c].Iv, Tolerance);
                Assert.Equal(expected[c].Woe!, atHost[c].Woe!, (x, y) => Math.Abs(x - y) <= Tolerance);
            }
        }
        Assert.Equal(guest.ColumnCount + 6, result.Summary.Columns.Count);
    }

    [Fact]
    public async Task Multi_class_iv_is_one_vs_rest_per_class()
    {
        var labels = SplitData.Labels(Rows, 3, seed: 5);
        var guest = SplitData.Columns("g", 2, labels, seed: 6);
        var host = SplitData.Columns("h", 3, labels, seed: 7);
        var options = new FeatureBinningOptions { MultiClass = true, BinNum = 6 };

        var run = await BinningFederation.RunAsync(new(SplitData.Ids(Rows), guest, labels), options, (new BinningData(SplitData.Ids(Rows), host), options));
        var result = await run.Guest;

        AssertTables(LocalFeatureBinning.Run(guest, labels, options), result.OwnTables, cutsKnown: true);
        AssertTables(LocalFeatureBinning.Run(host, labels, options), result.HostTables, cutsKnown: false);
        foreach (var table in result.OwnTables.Concat(result.HostTables))
        {
            Assert.Equal(["0", "1", "2"], table.ClassIvs!.Keys.Order());
            Assert.Null(table.Woe);
            Assert.Equal(table.ClassIvs.Values.Average(), table.Iv, Tolerance);
        }
        Assert.Equal(3, (await run.Hosts[0]).OwnTables[0].ClassIvs!.Count);
    }

    [Fact]
    public async Task Missing_values_have_their_own_bin_at_the_guest_and_at_a_host()
    {
        var labels = SplitData.Labels(Rows, 2, seed: 8);
        var guest = SplitData.Columns("g", 2, labels, seed: 9, missingRate: 0.3);
        var host = SplitData.Columns("h", 2, labels, seed: 10, missingRate: 0.3);
        var options = new FeatureBinningOptions { BinNum = 4 };

        var run = await BinningFederation.RunAsync(new(SplitData.Ids(Rows), guest, labels), options, (new BinningData(SplitData.Ids(Rows), host), options));
        var result = await run.Guest;

        foreach (var (table, column) in new[] { (result.OwnTables[1], guest[1].ToArray()), (result.HostTables[1], host[1].ToArray()) })
        {
            var missing = column.Count(double.IsNaN);
            Assert.InRange(missing, 1, Rows - 1);
            Assert.Equal(missing, table.Counts[^1]);
            var missingEvents = column.Select((x, r) => double.IsNaN(x) && labels[r] == 1 ? 1 : 0).Sum();
            Assert.Equal(missingEvents, table.Events[0][^1]);
        }
        // A column without missing values has an empty missing bin, which is no bin of the data: WOE 0, no IV.
        Assert.Equal(0, result.OwnTables[0].Counts[^1]);
        Assert.Equal(0.0, result.OwnTables[0].Woe![^1]);
        Assert.Equal(0.0, result.OwnTables[0].BinIv![^1]);
    }

    internal static void AssertTables(IReadOnlyList<BinTable> expected, IReadOnlyList<BinTable> actual, bool cutsKnown)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var c = 0; c < expected.Count; c++)
        {
            if (cutsKnown)
            {
                Assert.Equal(expected[c].Cuts, actual[c].Cuts);
            }
            else
            {
                Assert.Null(actual[c].Cuts);
            }
            Assert.Equal(expected[c].Counts, actual[c].Counts);
            Assert.Equal(expected[c].Events.Length, actual[c].Events.Length);
            for (var k = 0; k < expected[c].Events.Length; k++)
            {
                Assert.Equal(expected[c].Events[k], actual[c].Events[k]);
            }
            Assert.Equal(expected[c].Iv, actual[c].Iv, Tolerance);
            if (expected[c].Woe is { } woe)
            {
                Assert.Equal(woe, actual[c].Woe!, (x, y) => Math.Abs(x - y) <= Tolerance);
            }
            foreach (var (label, iv) in expected[c].ClassIvs ?? new Dictionary<string, double>())
            {
                Assert.Equal(iv, actual[c].ClassIvs![label], Tolerance);
            }
        }
    }
}
