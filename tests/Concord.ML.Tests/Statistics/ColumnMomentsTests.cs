using Concord.ML.SecureAggregation;
using Concord.ML.Statistics;

namespace Concord.ML.Tests.Statistics;

public class ColumnMomentsTests
{
    [Fact]
    public void Small_spread_on_a_large_offset_keeps_its_variance()
    {
        // 1e8 + u with u in [0, 1): E[x²] − E[x]² in doubles loses everything; exact ring sums do not.
        var random = new Random(7);
        var values = Enumerable.Range(0, 500).Select(_ => 1e8 + random.NextDouble()).ToArray();
        var data = new NumericColumns(["offset"], [values]);
        var expected = LocalStatistics.Compute(data)["offset"];

        var ring = ColumnMoments.Encode(data);
        var actual = ColumnMoments.Decode("offset", ring, double.NaN, double.NaN);

        var n = values.Length;
        var naive = (values.Sum(x => x * x) - values.Sum() * values.Sum() / n) / (n - 1);
        Assert.True(Math.Abs(naive - expected.Variance!.Value) > 1e-3 * expected.Variance.Value, "the case must defeat the naive formula");
        Assert.InRange(actual.Variance!.Value, expected.Variance.Value * (1 - 1e-8), expected.Variance.Value * (1 + 1e-8));
        Assert.Equal(expected.Mean!.Value, actual.Mean!.Value, 1e-9 * 1e8);
    }

    [Fact]
    public void Counts_travel_as_integers_and_sums_in_fixed_point()
    {
        var data = new NumericColumns(["a"], [[1.5, double.NaN, -4.0, 2.0]]);
        var ring = ColumnMoments.Encode(data);
        // Two limbs each, least significant first; -0.5 is two's complement across both; Σx² = 22.25 = 89·2^-2 at scale 2^64.
        Assert.Equal(
            [3, 0, 1, 0, UInt128.MaxValue - (UInt128.One << 31) + 1, UInt128.MaxValue, (UInt128)89 << 62, 0],
            ring);
    }

    [Fact]
    public void A_sum_beyond_the_range_is_an_error_naming_the_column()
    {
        // Each value is in range; 70,000 of them add up past ±2^95.
        var data = new NumericColumns(["exposure"], [Enumerable.Repeat(6e23, 70_000).ToArray()]);
        var ex = Assert.Throws<FixedPointOverflowException>(() => ColumnMoments.Encode(data));
        Assert.Equal("exposure", ex.Column);
        Assert.Contains("Σx", ex.Message, StringComparison.Ordinal);
    }
}
