namespace Concord.ML.Linear;

/// <summary>
/// A party's features as a linear model uses them: constant columns dropped (or kept) with a warning, optionally
/// standardised with this party's own mean and standard deviation (no statistic leaves the party).
/// </summary>
public sealed class PreparedFeatures
{
    private PreparedFeatures(string[] names, double[] means, double[] scales, double[][] columns, string[]? inputNames = null)
    {
        InputNames = inputNames ?? names;
        Names = names;
        Means = means;
        Scales = scales;
        Columns = columns;
    }

    /// <summary>Every column the features were prepared from, dropped constant ones included.</summary>
    public string[] InputNames { get; }

    /// <summary>The columns kept, in order.</summary>
    public string[] Names { get; }
    public double[] Means { get; }
    public double[] Scales { get; }
    public double[][] Columns { get; }
    public int RowCount => Columns.Length == 0 ? 0 : Columns[0].Length;

    public static PreparedFeatures Fit(NumericColumns data, bool standardize, bool keepConstant, Action<string> warn)
    {
        var names = new List<string>();
        var means = new List<double>();
        var scales = new List<double>();
        for (var j = 0; j < data.ColumnCount; j++)
        {
            // A missing or infinite value makes the mean and deviation NaN, so the column is kept and Transform refuses it.
            var column = data[j];
            var mean = column.Length == 0 ? 0 : Mean(column);
            var sd = Math.Sqrt(Variance(column, mean));
            if (sd == 0)
            {
                warn($"feature \"{data.Names[j]}\" is constant ({mean})" + (keepConstant ? "; kept as the job asks" : "; dropped"));
                if (!keepConstant)
                {
                    continue;
                }
            }
            names.Add(data.Names[j]);
            means.Add(standardize ? mean : 0);
            scales.Add(standardize && sd > 0 ? sd : 1);
        }
        var prepared = new PreparedFeatures([.. names], [.. means], [.. scales], []);
        return new PreparedFeatures(prepared.Names, prepared.Means, prepared.Scales, prepared.Transform(data), [.. data.Names]);
    }

    /// <summary>The same transformation applied to other rows of the same columns (e.g. at prediction time).</summary>
    public static PreparedFeatures Apply(NumericColumns data, string[] names, double[] means, double[] scales)
    {
        var prepared = new PreparedFeatures(names, means, scales, []);
        return new PreparedFeatures(names, means, scales, prepared.Transform(data));
    }

    private double[][] Transform(NumericColumns data)
    {
        var picked = data.Select(Names);
        return [.. Enumerable.Range(0, Names.Length).Select(j =>
        {
            var source = picked[j];
            var column = new double[source.Length];
            for (var i = 0; i < column.Length; i++)
            {
                column[i] = double.IsFinite(source[i])
                    ? (source[i] - Means[j]) / Scales[j]
                    : throw new ArgumentException($"feature \"{Names[j]}\" has a missing or non-finite value in row {i}; fill it first (data_transform)");
            }
            return column;
        })];
    }

    private static double Mean(ReadOnlySpan<double> column)
    {
        var sum = 0.0;
        foreach (var v in column)
        {
            sum += v;
        }
        return sum / column.Length;
    }

    private static double Variance(ReadOnlySpan<double> column, double mean)
    {
        var sum = 0.0;
        foreach (var v in column)
        {
            sum += (v - mean) * (v - mean);
        }
        return column.Length == 0 ? 0 : sum / column.Length;
    }
}
