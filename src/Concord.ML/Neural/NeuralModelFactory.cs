using Concord.ML.Horizontal;
using Concord.ML.Neural.Definition;

namespace Concord.ML.Neural;

/// <summary>
/// Builds <see cref="NeuralLocalModel"/>s for the horizontal framework (the homo_nn component's clients and the
/// LocalBaseline). A label value becomes its index among the agreed classes, so clients that lack some class still
/// share one output layout.
/// </summary>
public sealed class NeuralModelFactory(NeuralModelDefinition definition) : ILocalModelFactory
{
    public string Name => "homo_nn";

    public NeuralModelDefinition Definition => definition;

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed)
    {
        CheckFits(shape);
        var targets = shape.Task == HorizontalTask.Regression
            ? data.Labels
            : [.. data.Labels.Select((y, i) => shape.ClassIndex(y) is var k and >= 0
                ? (double)k
                : throw new ArgumentException($"label \"{data.LabelName}\" in row {i} is {y}, not one of the agreed classes {string.Join(", ", shape.Classes)}"))];
        return new NeuralLocalModel(definition, NeuralTrainingData.FromRows(shape.FeatureNames.Length, data.Rows, targets, data.Weights, data.LabelName), seed);
    }

    /// <summary>Checked by the arbiter once the clients agreed the features and classes: a model that cannot fit them stops the job before round 0.</summary>
    public void CheckFits(ModelShape shape)
    {
        definition.Validate();
        var task = shape.Task switch
        {
            HorizontalTask.Binary => NeuralTask.Binary,
            HorizontalTask.MultiClass => NeuralTask.MultiClass,
            _ => NeuralTask.Regression,
        };
        definition.CheckFits(shape.FeatureNames.Length, task, shape.Classes.Length);
    }
}
