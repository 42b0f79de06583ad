namespace Concord.ML.Statistics;

/// <summary>What the guest learns about one column over the rows of every party.</summary>
/// <param name="Count">Non-missing values.</param>
/// <param name="Missing">Missing values (NaN).</param>
/// <param name="Mean">Null when the column has no values.</param>
/// <param name="Variance">The sample variance, Σ(x − mean)² / (n − 1); null when there are fewer than two values.</param>
/// <param name="StandardDeviation">The square root of the sample variance.</param>
/// <param name="Min">The smallest value; null when the column has no values.</param>
/// <param name="Max">The largest value; null when the column has no values.</param>
public sealed record ColumnStatistics(
    string Name,
    long Count,
    long Missing,
    double? Mean,
    double? Variance,
    double? StandardDeviation,
    double? Min,
    double? Max);
