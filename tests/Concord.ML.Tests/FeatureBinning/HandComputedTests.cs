using Concord.ML.FeatureBinning;

namespace Concord.ML.Tests.FeatureBinning;

/// <summary>Cut points, bins, WOE and IV worked out by hand from counts, not through the code under test.</summary>
public class HandComputedTests
{
    [Fact]
    public void Quantile_cuts_are_the_inverted_cdf_and_repeated_quantiles_merge() => Assert.Multiple(
        // n = 10, k = 4: ranks ⌈2.5⌉, ⌈5⌉, ⌈7.5⌉ → the 3rd, 5th and 8th values (numpy's inverted_cdf gives 3, 5, 8).
        () => Assert.Equal([3.0, 5.0, 8.0], CutPoints.Quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)),
        // ranks 2 and 4 both land on 1, and a cut at the max would leave an empty last bin.
        () => Assert.Equal([1.0], CutPoints.Quantile([1, 1, 1, 1, 2, 3], 3)),
        () => Assert.Empty(CutPoints.Quantile([1, 2, 2, 2, 2, 2], 2)),
        () => Assert.Equal([2.5, 5.0, 7.5], CutPoints.Bucket(0, 10, 4)));

    [Fact]
    public void A_value_goes_to_the_first_bin_whose_cut_is_at_or_above_it()
    {
        var bins = new ColumnBins("x", null, [3, 5, 8], null);
        Assert.Equal([0, 0, 1, 1, 3, 3, 4], new[] { -1e9, 3, 3.0001, 5, 8.5, 1e9, double.NaN }.Select(bins.BinOf));
    }

    [Fact]
    public async Task Woe_and_iv_of_guest_and_host_columns_match_the_hand_computation()
    {
        double[] labels = [0, 0, 0, 1, 0, 1, 1, 1];
        var guest = new NumericColumns(["x"], [[1, 2, 3, 4, 5, 6, 7, 8]]);
        var host = new NumericColumns(["y", "z"], [[8, 7, 6, 5, 4, 3, 2, 1], [1, 1, 1, 3, 1, 3, 3, 3]]);
        var options = new FeatureBinningOptions { BinNum = 2 };

        var run = await BinningFederation.RunAsync(new(SplitData.Ids(8), guest, labels), options, (new BinningData(SplitData.Ids(8), host), options));
        var result = await run.Guest;

        // x: cut at the 4th value, 4. Bin 0 holds labels 0,0,0,1 (1 event, 3 non-events), bin 1 holds 0,1,1,1; E = N = 4.
        // woe = ln(1/3), ln 3; IV = (1/4 − 3/4)·ln(1/3) + (3/4 − 1/4)·ln 3 = ln 3.
        var x = result.OwnTables[0];
        Assert.Equal([4.0], x.Cuts!);
        Assert.Equal([4L, 4, 0], x.Counts);
        Assert.Equal([1L, 3, 0], x.Events[0]);
        Assert.Equal(Math.Log(1.0 / 3), x.Woe![0], 1e-15);
        Assert.Equal(Math.Log(3), x.Woe[1], 1e-15);
        Assert.Equal(Math.Log(3), x.Iv, 1e-15);
        // y reverses x: the same bins mirrored, the same IV.
        Assert.Equal(Math.Log(3), result.HostTables[0].Iv, 1e-15);
        // z: bin 0 (z ≤ 1) holds 0,0,0,0 and bin 1 holds 1,1,1,1: both need the 0.5 adjustment, (0.5, 4.5) and (4.5, 0.5).
        // woe = ln((0.5/4)/(4.5/4)) = ln(1/9), ln 9; IV = (0.125 − 1.125)·ln(1/9) + (1.125 − 0.125)·ln 9 = 2·ln 9.
        var z = result.HostTables[1];
        Assert.Equal([4L, 4, 0], z.Counts);
        Assert.Equal([0L, 4, 0], z.Events[0]);
        Assert.Equal(Math.Log(1.0 / 9), z.Woe![0], 1e-15);
        Assert.Equal(2 * Math.Log(9), z.Iv, 1e-14);
        Assert.Equal(2 * Math.Log(9), (await run.Hosts[0]).OwnTables[1].Iv, 1e-14);
        Assert.Equal(2 * Math.Log(9), result.Summary.Iv("host_10000_x1"), 1e-14);
    }

    [Fact]
    public void Chi_merge_joins_the_pair_of_bins_with_the_most_similar_labels_first()
    {
        // Four fine bins (cuts 2, 4, 6) of two values each, classes (1,1) (1,1) (0,0) (1,0). The first pair is identical
        // (chi-square 0), so it merges first; then (1,1,1,1) | (0,0) | (1,0): chi of (0,0),(1,0) is 4/3 < chi of (1111),(00) = 6.
        double[] sorted = [1, 2, 3, 4, 5, 6, 7, 8];
        int[] classOf = [1, 1, 1, 1, 0, 0, 1, 0];
        Assert.Equal([4.0, 6.0], ChiMerge.Cuts(sorted, classOf, 2, initialBins: 4, bins: 3));
        Assert.Equal([4.0], ChiMerge.Cuts(sorted, classOf, 2, initialBins: 4, bins: 2));
    }
}
