using Concord.ML.Statistics;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Statistics;

public class SortableDoubleTests
{
    [Fact]
    public void Keys_keep_the_order_of_doubles_and_map_back_bit_for_bit() =>
        Prop.ForAll<double, double>((a, b) =>
        {
            if (double.IsNaN(a) || double.IsNaN(b))
            {
                return true;
            }
            var (ka, kb) = (SortableDouble.ToKey(a), SortableDouble.ToKey(b));
            return (a < b ? ka < kb : a > b ? ka > kb : ka == kb || a == 0)
                && BitConverter.DoubleToInt64Bits(SortableDouble.FromKey(ka)) == BitConverter.DoubleToInt64Bits(a);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void The_extremes_of_the_order_are_the_infinities()
    {
        double[] ordered = [double.NegativeInfinity, -double.MaxValue, -1, -double.Epsilon, -0.0, 0.0, double.Epsilon, 1, double.MaxValue, double.PositiveInfinity];
        var keys = ordered.Select(SortableDouble.ToKey).ToArray();
        Assert.Equal(keys.Order(), keys);
        Assert.Equal(keys.Length, keys.Distinct().Count());
    }
}
