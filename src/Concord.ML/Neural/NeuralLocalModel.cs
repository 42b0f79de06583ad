using Concord.ML.Horizontal;
using Concord.ML.Neural.Definition;

namespace Concord.ML.Neural;

/// <summary>
/// HomoNN's model at one party: a network over that party's rows, trained by the horizontal framework through
/// <see cref="ILocalModel"/>. The definition is checked against the rows when the model is made, so a model that does
/// not fit the party's features or labels fails before the first round. The optimizer's state (Adam's moments, SGD's
/// velocity) stays with the party across rounds, as a client's optimizer does in FedAvg.
/// </summary>
public sealed class NeuralLocalModel : ILocalModel, IStepSchedule
{
    private readonly Network _network;
    private readonly NeuralTrainer _trainer;
    private readonly NeuralTrainingData _data;

    /// <param name="data">Features and targets: class indices 0..K−1 for a K-unit softmax, 0/1 for a sigmoid.</param>
    /// <param name="seed">Initial parameters are drawn from it; parties given the same seed start from the same model.</param>
    public NeuralLocalModel(NeuralModelDefinition definition, NeuralTrainingData data, long seed)
    {
        definition.Validate();
        definition.CheckData(data.FeatureCount, data.Targets, data.LabelName);
        Definition = definition;
        _data = data;
        _network = definition.Build(data.FeatureCount);
        _network.Initialize(seed);
        _trainer = new NeuralTrainer(_network, definition.CreateLoss(), definition.CreateOptimizer(_network.ParameterCount), definition.BatchSize);
    }

    public NeuralModelDefinition Definition { get; }

    public int FeatureCount => _data.FeatureCount;

    public int ParameterCount => _network.ParameterCount;

    public double SamplingRate => (double)_trainer.BatchRows(_data.Rows) / Math.Max(_data.Rows, 1);

    public int StepsPerEpoch => (_data.Rows + _trainer.BatchRows(_data.Rows) - 1) / Math.Max(_trainer.BatchRows(_data.Rows), 1);

    public double[] GetParameters() => _network.Parameters.ToArray();

    public void SetParameters(ReadOnlySpan<double> parameters)
    {
        if (parameters.Length != ParameterCount)
        {
            throw new ArgumentException($"the network has {ParameterCount} parameters; got {parameters.Length}");
        }
        parameters.CopyTo(_network.Parameters);
    }

    public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct) => _trainer.Train(_data, request, ct);

    public double[] Predict(ReadOnlySpan<double> features)
    {
        if (features.Length != FeatureCount)
        {
            throw new ArgumentException($"the model reads {FeatureCount} features; the row has {features.Length}");
        }
        var output = _network.Forward(new Tensor(1, _network.InputShape, features.ToArray()), ForwardPass.Inference).Row(0);
        return NeuralOutput.Interpret(Definition.Task, output);
    }
}
