using Concord.ML.Correlation;
using static Concord.ML.Tests.Correlation.CorrelationProtocolTests;

namespace Concord.ML.Tests.Correlation;

/// <summary>
/// VIF from the inverse correlation matrix against its definition, 1 / (1 − R²) of an ordinary least-squares regression
/// of each column on the others with an intercept, solved here by Gaussian elimination on the raw values. Tolerance
/// 1e-6 relative: the regressions on breast's guest columns are ill-conditioned (VIFs in the hundreds).
/// </summary>
public class VarianceInflationTests
{
    [Fact]
    public void Breast_guest_vifs_match_regressions_on_the_raw_columns()
    {
        var data = BreastGuest.Raw;
        var z = StandardisedColumns.Of(data, CorrelationMethod.Pearson);
        var (factors, undefined) = VarianceInflation.Of(z.Names, StandardisedColumns.Cross(z.Z, z.Z));
        Assert.Null(undefined);
        for (var j = 0; j < data.ColumnCount; j++)
        {
            var expected = 1 / (1 - RSquared(data, j));
            Assert.True(Math.Abs(factors![j] - expected) <= 1e-6 * expected, $"VIF of {data.Names[j]} = {factors[j]:R}, expected {expected:R}");
        }
        Assert.Contains(factors!, f => f > 10);
    }

    [Fact]
    public void Uncorrelated_columns_have_vif_one_and_an_exact_combination_is_named()
    {
        var (ones, _) = VarianceInflation.Of(["a", "b"], [[1, 0], [0, 1]]);
        Assert.Equal([1.0, 1.0], ones!);

        var sum = new NumericColumns(["a", "b", "a_plus_b"], [[1, 2, 3, 5, 4], [2, 0, 1, 1, 7], [3, 2, 4, 6, 11]]);
        var z = StandardisedColumns.Of(sum, CorrelationMethod.Pearson);
        var (factors, undefined) = VarianceInflation.Of(z.Names, StandardisedColumns.Cross(z.Z, z.Z));
        Assert.Null(factors);
        Assert.Equal("column \"a_plus_b\" is a linear combination of the columns before it, so every VIF is infinite", undefined);
    }

    /// <summary>R² of regressing column j on the other columns and an intercept.</summary>
    private static double RSquared(NumericColumns data, int j)
    {
        var n = data.RowCount;
        var predictors = Enumerable.Range(0, data.ColumnCount).Where(c => c != j).ToArray();
        var p = predictors.Length + 1;
        double X(int row, int k) => k == 0 ? 1 : data[predictors[k - 1]][row];
        var y = data[j].ToArray();
        // Normal equations [XᵀX | Xᵀy], then Gauss-Jordan with partial pivoting.
        var a = new double[p, p + 1];
        for (var r = 0; r < n; r++)
        {
            for (var u = 0; u < p; u++)
            {
                for (var v = 0; v < p; v++)
                {
                    a[u, v] += X(r, u) * X(r, v);
                }
                a[u, p] += X(r, u) * y[r];
            }
        }
        for (var col = 0; col < p; col++)
        {
            var pivot = Enumerable.Range(col, p - col).MaxBy(r => Math.Abs(a[r, col]));
            for (var v = 0; v <= p; v++)
            {
                (a[col, v], a[pivot, v]) = (a[pivot, v], a[col, v]);
            }
            for (var r = 0; r < p; r++)
            {
                if (r != col)
                {
                    var f = a[r, col] / a[col, col];
                    for (var v = col; v <= p; v++)
                    {
                        a[r, v] -= f * a[col, v];
                    }
                }
            }
        }
        var beta = Enumerable.Range(0, p).Select(k => a[k, p] / a[k, k]).ToArray();
        var mean = y.Average();
        double sse = 0, sst = 0;
        for (var r = 0; r < n; r++)
        {
            var fit = Enumerable.Range(0, p).Sum(k => beta[k] * X(r, k));
            sse += (y[r] - fit) * (y[r] - fit);
            sst += (y[r] - mean) * (y[r] - mean);
        }
        return 1 - (sse / sst);
    }
}
