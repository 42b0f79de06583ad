using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;

namespace Concord.ML.LocalBaseline;

/// <summary>
/// HomoNN's LocalBaseline: the same network, from the same initial parameters, trained centrally in-process on the
/// union of every party's rows for as many epochs as a federated client trains in all its rounds.
/// </summary>
public static class LocalNeuralTrainer
{
    public static NeuralLocalModel Fit(NeuralModelDefinition definition, IReadOnlyList<NeuralTrainingData> parties, int epochs, long seed, CancellationToken ct = default)
    {
        var union = NeuralTrainingData.Concat(parties);
        var model = new NeuralLocalModel(definition, union, seed);
        model.Train(new LocalTrainingRequest(epochs, 0, model.GetParameters(), null, seed), ct);
        return model;
    }
}
