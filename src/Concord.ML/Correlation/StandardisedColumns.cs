namespace Concord.ML.Correlation;

/// <summary>
/// A party's columns as z-scores over the population standard deviation, so that a Pearson correlation is Σ z_a·z_b / n
/// whichever party holds a and b. Spearman standardises the ranks instead of the values.
/// </summary>
public sealed class StandardisedColumns
{
    private StandardisedColumns(IReadOnlyList<string> names, double[][] z)
    {
        Names = names;
        Z = z;
    }

    public IReadOnlyList<string> Names { get; }

    /// <summary>Per column, its z-score per row.</summary>
    public double[][] Z { get; }

    public int RowCount => Z.Length == 0 ? 0 : Z[0].Length;

    /// <summary>Refuses, naming the column, a missing value or a constant column (whose correlation is undefined).</summary>
    public static StandardisedColumns Of(NumericColumns columns, CorrelationMethod method)
    {
        if (columns.RowCount < 2)
        {
            throw new ArgumentException($"{columns.RowCount} rows: a correlation needs at least 2");
        }
        var z = new double[columns.ColumnCount][];
        for (var c = 0; c < columns.ColumnCount; c++)
        {
            var name = columns.Names[c];
            var values = columns[c];
            var missing = Array.FindIndex(values.ToArray(), double.IsNaN);
            if (missing >= 0)
            {
                throw new ArgumentException($"column \"{name}\" has a missing value in row {missing}; fill it first (data_transform missing_fill)");
            }
            if (!values.ContainsAnyExcept(values[0]))
            {
                throw new ArgumentException($"column \"{name}\" is constant ({values[0]}), so its correlation is undefined; drop it (data_transform exclude)");
            }
            z[c] = ZScores(method == CorrelationMethod.Spearman ? AverageRanks.Of(values) : values.ToArray());
        }
        return new StandardisedColumns(columns.Names, z);
    }

    /// <summary>The block Σ_i a_i·b_i / n between two parties' standardised columns, in plaintext (both held here).</summary>
    public static double[][] Cross(double[][] a, double[][] b)
    {
        var n = a.Length == 0 ? 1 : a[0].Length;
        return [.. a.Select(x => b.Select(y => Dot(x, y) / n).ToArray())];
    }

    private static double Dot(double[] x, double[] y)
    {
        var sum = 0.0;
        for (var i = 0; i < x.Length; i++)
        {
            sum += x[i] * y[i];
        }
        return sum;
    }

    private static double[] ZScores(double[] values)
    {
        var n = values.Length;
        var mean = values.Sum() / n;
        var centred = values.Select(v => v - mean).ToArray();
        var sd = Math.Sqrt(centred.Sum(d => d * d) / n);
        return [.. centred.Select(d => d / sd)];
    }
}
