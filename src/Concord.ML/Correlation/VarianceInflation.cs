namespace Concord.ML.Correlation;

/// <summary>
/// Variance inflation factors of a party's own columns, VIF_j = 1 / (1 − R²_j) with R²_j from regressing column j on
/// the others, read off the diagonal of the inverse correlation matrix: VIF_j = (R⁻¹)_jj. Plaintext and local.
/// </summary>
public static class VarianceInflation
{
    /// <summary>Below this residual variance a column counts as a linear combination of the columns before it.</summary>
    public const double CollinearTolerance = 1e-10;

    /// <summary>The factors in column order, or null and the first column that the columns before it determine exactly.</summary>
    public static (double[]? Factors, string? Undefined) Of(IReadOnlyList<string> names, double[][] correlation)
    {
        var k = names.Count;
        // R = L·Lᵀ, one column at a time: d is the variance of column j left over after the columns before it.
        var l = new double[k, k];
        for (var j = 0; j < k; j++)
        {
            var d = correlation[j][j];
            for (var p = 0; p < j; p++)
            {
                d -= l[j, p] * l[j, p];
            }
            if (d < CollinearTolerance)
            {
                return (null, $"column \"{names[j]}\" is a linear combination of the columns before it, so every VIF is infinite");
            }
            l[j, j] = Math.Sqrt(d);
            for (var i = j + 1; i < k; i++)
            {
                var s = correlation[i][j];
                for (var p = 0; p < j; p++)
                {
                    s -= l[i, p] * l[j, p];
                }
                l[i, j] = s / l[j, j];
            }
        }
        // (R⁻¹)_jj = Σ_i ((L⁻¹)_ij)², the squared norm of column j of L⁻¹, found by forward substitution.
        var factors = new double[k];
        var column = new double[k];
        for (var j = 0; j < k; j++)
        {
            Array.Clear(column);
            for (var i = j; i < k; i++)
            {
                var s = i == j ? 1.0 : 0.0;
                for (var p = j; p < i; p++)
                {
                    s -= l[i, p] * column[p];
                }
                column[i] = s / l[i, i];
                factors[j] += column[i] * column[i];
            }
        }
        return (factors, null);
    }
}
