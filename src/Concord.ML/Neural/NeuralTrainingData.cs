namespace Concord.ML.Neural;

/// <summary>A party's rows as a network trains on them: features as one batch, and one label per row.</summary>
public sealed record NeuralTrainingData(Tensor Features, double[] Labels, string LabelName = "y")
{
    public int Rows => Features.Rows;

    public int FeatureCount => Features.Width;

    /// <summary>From feature columns (as tables hold them) to rows.</summary>
    public static NeuralTrainingData FromColumns(IReadOnlyList<double[]> columns, double[] labels, string labelName = "y")
    {
        var features = new Tensor(labels.Length, Shape.Vector(columns.Count));
        for (var j = 0; j < columns.Count; j++)
        {
            if (columns[j].Length != labels.Length)
            {
                throw new ArgumentException($"feature column {j} has {columns[j].Length} rows, the labels {labels.Length}");
            }
            for (var i = 0; i < labels.Length; i++)
            {
                features.Data[(i * columns.Count) + j] = columns[j][i];
            }
        }
        return new NeuralTrainingData(features, labels, labelName);
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
        return new NeuralTrainingData(features, [.. parts.SelectMany(p => p.Labels)], parts[0].LabelName);
    }
}
