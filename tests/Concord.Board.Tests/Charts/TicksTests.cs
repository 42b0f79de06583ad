using Concord.Board.Charts;

namespace Concord.Board.Tests.Charts;

public class TicksTests
{
    [Theory]
    [InlineData(0, 1, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(0, 0.93, new[] { 0, 0.2, 0.4, 0.6, 0.8, 1 })]
    [InlineData(3, 97, new double[] { 0, 20, 40, 60, 80, 100 })]
    [InlineData(-0.8, 0.35, new[] { -0.8, -0.6, -0.4, -0.2, 0, 0.2, 0.4 })]
    [InlineData(0.13, 0.87, new[] { 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9 })]
    public void Ticks_are_nice_numbers_covering_the_data(double min, double max, double[] expected)
    {
        var ticks = Ticks.For(min, max);

        Assert.Equal(expected, ticks.Values);
        Assert.Equal(expected[0], ticks.Min);
        Assert.Equal(expected[^1], ticks.Max);
    }

    [Fact]
    public void Labels_have_the_decimals_the_step_needs()
    {
        var unit = Ticks.For(0, 1);
        Assert.Equal(["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"], unit.Values.Select(unit.Format));
        Assert.Equal("1500", Ticks.For(0, 5000).Format(1500));
        Assert.Equal("0.0004", Ticks.For(0.0001, 0.0009).Format(0.0004));
    }

    [Fact]
    public void One_value_gets_an_axis_around_it_and_a_non_finite_end_is_refused()
    {
        var single = Ticks.For(0.5, 0.5);
        Assert.True(single.Min < 0.5 && single.Max > 0.5);
        var zero = Ticks.For(0, 0);
        Assert.True(zero.Min < 0 && zero.Max > 0);

        var ex = Assert.Throws<ArgumentException>(() => Ticks.For(0, double.NaN));
        Assert.Contains("finite", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_scale_maps_and_inverts_and_a_y_scale_runs_upwards()
    {
        var y = new LinearScale(0, 1, 336, 36);

        Assert.Equal(336, y.Map(0));
        Assert.Equal(36, y.Map(1));
        Assert.Equal(186, y.Map(0.5));
        Assert.Equal(0.25, y.Invert(y.Map(0.25)), 12);
    }
}
