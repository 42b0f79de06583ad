namespace Concord.ML.Horizontal;

/// <summary>
/// The rows one client trains on, row-major because a model consumes a row at a time: features in
/// <see cref="FeatureNames"/> order, a label per row, and optional sample weights.
/// </summary>
public sealed record HorizontalData(string[] FeatureNames, double[][] Rows, double[] Labels, double[]? Weights = null, string LabelName = "y")
{
    public int RowCount => Rows.Length;

    public int FeatureCount => FeatureNames.Length;

    /// <summary>The sum of sample weights, or the row count: the client's FedAvg weight.</summary>
    public double TotalWeight => Weights?.Sum() ?? Rows.Length;

    /// <summary>Rejects ragged rows, non-finite values and bad weights, naming the row and column.</summary>
    public void Validate(string who)
    {
        if (Rows.Length == 0)
        {
            throw new ArgumentException($"{who} has no rows to train on");
        }
        if (Labels.Length != Rows.Length)
        {
            throw new ArgumentException($"{who} has {Rows.Length} rows but {Labels.Length} labels");
        }
        if (Weights is not null && Weights.Length != Rows.Length)
        {
            throw new ArgumentException($"{who} has {Rows.Length} rows but {Weights.Length} sample weights");
        }
        for (var i = 0; i < Rows.Length; i++)
        {
            if (Rows[i].Length != FeatureNames.Length)
            {
                throw new ArgumentException($"{who}: row {i} has {Rows[i].Length} values for {FeatureNames.Length} features");
            }
            for (var j = 0; j < FeatureNames.Length; j++)
            {
                if (!double.IsFinite(Rows[i][j]))
                {
                    throw new ArgumentException($"{who}: feature \"{FeatureNames[j]}\" has a missing or non-finite value in row {i}; fill it first (data_transform)");
                }
            }
            if (!double.IsFinite(Labels[i]))
            {
                throw new ArgumentException($"{who}: label \"{LabelName}\" is missing or not a number in row {i}");
            }
            if (Weights is not null && !(Weights[i] >= 0 && double.IsFinite(Weights[i])))
            {
                throw new ArgumentException($"{who}: the sample weight of row {i} is {Weights[i]}; weights must be finite and not negative");
            }
        }
    }

    /// <summary>The rows of several parties as one table, for the in-process LocalBaseline.</summary>
    public static HorizontalData Union(IReadOnlyList<HorizontalData> parts)
    {
        var first = parts[0];
        var mismatch = parts.FirstOrDefault(p => !p.FeatureNames.SequenceEqual(first.FeatureNames));
        if (mismatch is not null)
        {
            throw new ArgumentException($"cannot join tables with different features: [{string.Join(", ", first.FeatureNames)}] and [{string.Join(", ", mismatch.FeatureNames)}]");
        }
        double[]? weights = parts.Any(p => p.Weights is not null)
            ? [.. parts.SelectMany(p => p.Weights ?? Enumerable.Repeat(1.0, p.RowCount))]
            : null;
        return new HorizontalData(first.FeatureNames, [.. parts.SelectMany(p => p.Rows)], [.. parts.SelectMany(p => p.Labels)], weights, first.LabelName);
    }
}
