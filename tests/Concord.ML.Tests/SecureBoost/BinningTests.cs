using Concord.ML.SecureBoost;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.SecureBoost;

public class BinningTests
{
    [Fact]
    public void Quantile_cuts_split_the_present_values_evenly_and_missing_values_get_their_own_code()
    {
        double[] column = [.. Enumerable.Range(1, 100).Select(i => (double)i), double.NaN];
        var bins = BinnedFeatures.Fit(new NumericColumns(["x"], [column]), maxBin: 4, "test");
        Assert.Equal([25.0, 50, 75], bins.Cuts[0]);
        Assert.Equal(4, bins.BinCount(0));
        Assert.Equal(new byte[] { 0, 0, 1, 3, 4 }, new[] { 0, 24, 25, 99, 100 }.Select(i => bins.Codes[0][i]));
        Assert.Equal(double.PositiveInfinity, bins.Threshold(0, 3));
    }

    [Fact]
    public void Few_distinct_values_each_get_a_bin_and_other_rows_bin_with_the_same_cuts()
    {
        var bins = BinnedFeatures.Fit(new NumericColumns(["x"], [[3, 1, 2, 1, 3]]), maxBin: 32, "test");
        Assert.Equal([1.0, 2], bins.Cuts[0]);
        Assert.Equal(new byte[] { 2, 0, 1, 0, 2 }, bins.Codes[0]);
        Assert.Equal(new byte[] { 0, 1, 2, 32 }, bins.Apply(new NumericColumns(["x"], [[-5, 1.5, 9, double.NaN]]))[0]);
    }

    [Fact]
    public void A_bin_at_most_b_holds_exactly_the_values_at_most_the_threshold()
    {
        var gen = Gen.ArrayOf(Gen.Choose(-50, 50).Select(i => i / 4.0)).Where(a => a.Distinct().Count() > 1);
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(100), Prop.ForAll(gen.ToArbitrary(), Gen.Choose(2, 40).ToArbitrary(), (values, maxBin) =>
        {
            var bins = BinnedFeatures.Fit(new NumericColumns(["x"], [values]), maxBin, "test");
            return Enumerable.Range(0, bins.BinCount(0)).All(b =>
                values.Select((v, i) => bins.Codes[0][i] <= b == v <= bins.Threshold(0, b)).All(same => same))
                && bins.BinCount(0) <= maxBin;
        }));
    }

    [Fact]
    public void Candidates_skip_empty_bins_and_one_sided_splits_and_add_missing_left_only_when_something_is_missing()
    {
        // Bins 0..3 with 2, 0, 3, 1 rows of the node; 2 missing.
        int[] counts = [2, 0, 3, 1, 2];
        var listed = new List<CandidateSplit>();
        SplitCandidates.Enumerate(7, counts, binCount: 4, missingCode: 4, listed);
        Assert.Equal(
            [new(7, 0, false), new(7, 2, false), new(7, 3, false), new(7, 0, true), new(7, 2, true)],
            listed);
        listed.Clear();
        SplitCandidates.Enumerate(7, [2, 0, 3, 1, 0], binCount: 4, missingCode: 4, listed);
        Assert.Equal([new(7, 0, false), new(7, 2, false)], listed);
    }
}
