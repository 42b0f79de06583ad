using Concord.ML.Stability;

namespace Concord.ML.Tests.Stability;

/// <summary>PSI against sums worked out by hand, term by term (tolerance 1e-12).</summary>
public class PopulationStabilityTests
{
    [Fact]
    public void Quartile_bins_of_the_expected_table_give_the_hand_computed_psi()
    {
        // Expected 1..8 in 4 bins: edges at the 2nd, 4th and 6th smallest values: 2, 4, 6; bins (−∞,2], (2,4], (4,6], (6,∞).
        // Expected shares 2/8 each. Actual {1, 3, 3, 5, 7, 8, 9, 10}: counts 1, 2, 1, 4 of 8.
        var report = Compute([1, 2, 3, 4, 5, 6, 7, 8], [1, 3, 3, 5, 7, 8, 9, 10], bins: 4);
        var column = Assert.Single(report.Columns);
        Assert.Equal([2.0, 4, 6], column.Edges);
        Assert.Equal([2L, 2, 2, 2, 0], column.Expected);
        Assert.Equal([1L, 2, 1, 4, 0], column.Actual);
        var psi = ((0.125 - 0.25) * Math.Log(0.125 / 0.25)) + 0 + ((0.125 - 0.25) * Math.Log(0.125 / 0.25)) + ((0.5 - 0.25) * Math.Log(0.5 / 0.25));
        Assert.Equal(psi, column.Psi, 1e-12);
        Assert.Equal(StabilityFlag.Unstable, column.Flag);
        Assert.Equal((0, 0, 1), (report.StableColumns, report.ModerateColumns, report.UnstableColumns));
    }

    [Fact]
    public void An_empty_bin_counts_as_a_share_of_1e_4_and_missing_values_have_their_own_bin()
    {
        // Edges 1 and 2 (bins (−∞,1], (1,2], (2,∞)); the actual table has nothing in the first bin and one missing value.
        var report = Compute([1, 1, 2, 2, 3, 3], [2, 2, 3, 3, 3, double.NaN], bins: 3);
        var column = Assert.Single(report.Columns);
        Assert.Equal([2L, 2, 2, 0], column.Expected);
        Assert.Equal([0L, 2, 3, 1], column.Actual);
        double Term(double a, double e) => (a - e) * Math.Log(a / e);
        var psi = Term(1e-4, 2 / 6.0) + Term(2 / 6.0, 2 / 6.0) + Term(3 / 6.0, 2 / 6.0) + Term(1 / 6.0, 1e-4);
        Assert.Equal(psi, column.Psi, 1e-12);
        Assert.Equal(StabilityFlag.Unstable, column.Flag);
    }

    [Fact]
    public void The_same_table_is_stable_and_ties_merge_edges()
    {
        var same = Compute([0, 0, 0, 0, 0, 1, 1, 2], [0, 0, 0, 0, 0, 1, 1, 2], bins: 4);
        Assert.Equal([0.0, 1], same.Columns[0].Edges);
        Assert.Equal(0, same.Columns[0].Psi);
        Assert.Equal(StabilityFlag.Stable, same.Columns[0].Flag);
        Assert.Equal(StabilityFlag.Stable, PopulationStability.Flag(0.0999));
        Assert.Equal(StabilityFlag.Moderate, PopulationStability.Flag(0.25));
        Assert.Equal(StabilityFlag.Unstable, PopulationStability.Flag(0.2501));
    }

    [Fact]
    public void A_column_missing_from_the_actual_table_is_named()
    {
        var expected = new NumericColumns(["a", "b"], [[1, 2], [3, 4]]);
        var actual = new NumericColumns(["a"], [[1, 2]]);
        var ex = Assert.Throws<ArgumentException>(() => PopulationStability.Compute(expected, actual, new StabilityOptions()));
        Assert.Equal("column \"b\" of the expected table is not in the actual table", ex.Message);
    }

    private static StabilityReport Compute(double[] expected, double[] actual, int bins) =>
        PopulationStability.Compute(new NumericColumns(["x"], [expected]), new NumericColumns(["x"], [actual]), new StabilityOptions { BinNum = bins });
}
