using Concord.ML.Statistics;

namespace Concord.ML.Tests.Statistics;

public class LocalStatisticsTests
{
    [Fact]
    public void Statistics_of_a_small_union_by_hand()
    {
        var a = new NumericColumns(["x", "y"], [[1, 2, double.NaN], [5, 5, 5]]);
        var b = new NumericColumns(["y", "x"], [[5], [4]]);
        var result = LocalStatistics.Compute(a, b);
        // x = {1, 2, 4}: mean 7/3, squared deviations 16/9 + 1/9 + 25/9 = 42/9, over n − 1 = 2: 7/3.
        Assert.Equal(new ColumnStatistics("x", 3, 1, 7.0 / 3, 7.0 / 3, Math.Sqrt(7.0 / 3), 1, 4), result["x"], Close);
        Assert.Equal(new ColumnStatistics("y", 4, 0, 5, 0, 0, 5, 5), result["y"]);
    }

    private static bool Close(ColumnStatistics e, ColumnStatistics a) =>
        e with { Mean = 0, Variance = 0, StandardDeviation = 0 } == a with { Mean = 0, Variance = 0, StandardDeviation = 0 }
        && Math.Abs(e.Mean!.Value - a.Mean!.Value) < 1e-15
        && Math.Abs(e.Variance!.Value - a.Variance!.Value) < 1e-15
        && Math.Abs(e.StandardDeviation!.Value - a.StandardDeviation!.Value) < 1e-15;
}
