using Concord.ML.Statistics;

namespace Concord.ML.Tests.Statistics;

internal static class StatisticsAssert
{
    /// <summary>
    /// Counts, min and max must be exact. Mean, variance and standard deviation within 1e-9 relative, or 1e-9 absolute
    /// for magnitudes below 1: the fixed-point ring resolves 2^-32 ≈ 2.3e-10, an absolute step.
    /// </summary>
    public const double Tolerance = 1e-9;

    public static void Matches(StatisticsResult expected, StatisticsResult actual, double tolerance = Tolerance)
    {
        Assert.Equal(expected.Columns.Select(c => c.Name), actual.Columns.Select(c => c.Name));
        foreach (var (e, a) in expected.Columns.Zip(actual.Columns))
        {
            Assert.True(e.Count == a.Count && e.Missing == a.Missing, $"{e.Name}: counts {a.Count}/{a.Missing}, expected {e.Count}/{e.Missing}");
            Assert.True(Equals(e.Min, a.Min) && Equals(e.Max, a.Max), $"{e.Name}: min/max {a.Min}/{a.Max}, expected {e.Min}/{e.Max}");
            Close(e.Name, "mean", e.Mean, a.Mean, tolerance);
            Close(e.Name, "variance", e.Variance, a.Variance, tolerance);
            Close(e.Name, "standard deviation", e.StandardDeviation, a.StandardDeviation, tolerance);
        }
    }

    private static void Close(string column, string what, double? expected, double? actual, double tolerance)
    {
        if (expected is not double e || actual is not double a)
        {
            Assert.True(expected is null && actual is null, $"{column}: {what} is {actual?.ToString() ?? "null"}, expected {expected?.ToString() ?? "null"}");
            return;
        }
        Assert.True(Math.Abs(a - e) <= tolerance * Math.Max(1, Math.Abs(e)), $"{column}: {what} is {a:R}, expected {e:R}");
    }
}
