namespace Concord.ML.Neural;

/// <summary>
/// A party's rows as a network trains on them: features as one batch, one target per row (a class index, or the value
/// to regress on), and optional sample weights.
/// </summary>
public sealed record NeuralTrainingData(Tensor Features, double[] Targets, double[]? Weights = null, string LabelName = "y")
{
    public int Rows => Features.Rows;

    public int FeatureCount => Features.Width;

    /// <summary>The FedAvg weight of these rows: the sum of sample weights, or the row count.</summary>
    public double TotalWeight => Weights?.Sum() ?? Rows;

    public double WeightOf(int row) => Weights?[row] ?? 1;

    /// <summary>Rows of <paramref name="featureCount"/> values each (stated, so that no rows still has a shape).</summary>
    public static NeuralTrainingData FromRows(int featureCount, IReadOnlyList<double[]> rows, double[] targets, double[]? weights = null, string labelName = "y")
    {
        if (rows.Count != targets.Length || (weights is not null && weights.Length != targets.Length))
        {
            throw new ArgumentException($"{rows.Count} rows, {targets.Length} targets and {weights?.Length.ToString() ?? "no"} weights do not match");
        }
        var features = new Tensor(rows.Count, Shape.Vector(featureCount));
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != featureCount)
            {
                throw new ArgumentException($"row {i} has {rows[i].Length} values for {featureCount} features");
            }
            rows[i].CopyTo(features.Row(i));
        }
        return new NeuralTrainingData(features, targets, weights, labelName);
    }

    /// <summary>Several parties' rows one after another, e.g. the union a central baseline trains on.</summary>
    public static NeuralTrainingData Concat(IReadOnlyList<NeuralTrainingData> parts)
    {
        var width = parts[0].FeatureCount;
        if (parts.Any(p => p.FeatureCount != width))
        {
            throw new ArgumentException($"the parts have different feature counts: {string.Join(", ", parts.Select(p => p.FeatureCount))}");
        }
        var features = new Tensor(parts.Sum(p => p.Rows), parts[0].Features.Shape, [.. parts.SelectMany(p => p.Features.Data)]);
        double[]? weights = parts.Any(p => p.Weights is not null) ? [.. parts.SelectMany(p => p.Weights ?? Enumerable.Repeat(1.0, p.Rows))] : null;
        return new NeuralTrainingData(features, [.. parts.SelectMany(p => p.Targets)], weights, parts[0].LabelName);
    }
}
