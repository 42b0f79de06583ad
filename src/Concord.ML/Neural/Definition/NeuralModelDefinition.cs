using System.Globalization;
using Concord.ML.JobParameters;
using Concord.ML.Neural.Losses;
using Concord.ML.Neural.Optimizers;

namespace Concord.ML.Neural.Definition;

/// <summary>
/// A network as a job file defines it, with how it trains. <see cref="Validate"/> checks what can be checked without
/// data (at submit time); <see cref="CheckFits"/> checks it against a party's features and labels before training.
/// </summary>
/// <param name="BatchSize">Rows per optimizer step; -1 for all of a party's rows.</param>
/// <param name="Momentum">SGD's momentum μ; unused by Adam.</param>
public sealed record NeuralModelDefinition(
    IReadOnlyList<LayerDefinition> Layers,
    [property: Parameter("loss", Description = "cross_entropy for classes (end with softmax, or sigmoid for 0/1); mse for regression (one output unit)")]
    LossKind Loss = LossKind.CrossEntropy,
    [property: Parameter("optimizer")]
    NeuralOptimizerKind Optimizer = NeuralOptimizerKind.Adam,
    [property: Parameter("learning_rate", Above = 0, AtMost = 10)]
    double LearningRate = 0.01,
    [property: Parameter("momentum", AtLeast = 0, Below = 1, Description = "SGD's momentum")]
    double Momentum = 0,
    [property: Parameter("batch_size", AtLeast = 1, Or = -1, Description = "rows per local step; -1 for all of a client's rows")]
    int BatchSize = 32)
{
    /// <summary>The width of the network's output: the units of its last dense layer.</summary>
    public int OutputUnits => Layers.LastOrDefault(l => l.Kind == LayerKind.Dense)?.Units ?? 0;

    public NeuralTask Task => Loss == LossKind.Mse ? NeuralTask.Regression
        : Layers[^1].Kind == LayerKind.Softmax ? NeuralTask.MultiClass
        : NeuralTask.Binary;

    /// <summary>Everything that does not depend on the data; the first problem found is thrown, naming the layer and field.</summary>
    public NeuralModelDefinition Validate()
    {
        Require(Layers.Count > 0, "layers: the model has no layers");
        Require(Layers.Any(l => l.Kind == LayerKind.Dense), "layers: the model has no dense layer, so nothing to train; start with e.g. {type: dense, units: 16}");
        int? width = null;
        for (var i = 0; i < Layers.Count; i++)
        {
            var layer = Layers[i];
            var where = layer.Describe(i);
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    Require(layer.Units >= 1, $"{where}: \"units\" must be at least 1 (got {layer.Units})");
                    Require(layer.InputUnits is null or >= 1, $"{where}: \"input_units\" must be at least 1 (got {layer.InputUnits})");
                    Require(layer.InputUnits is null || width is null || layer.InputUnits == width,
                        $"{where} declares input_units: {layer.InputUnits}, but the layer before it gives {width} units");
                    width = layer.Units;
                    break;
                case LayerKind.Dropout:
                    Require(layer.Rate is >= 0 and < 1, $"{where}: \"rate\" must be in [0, 1) (got {Text(layer.Rate)})");
                    break;
                case LayerKind.Softmax:
                    Require(i == Layers.Count - 1, $"{where} must be the last layer: it turns the outputs into class probabilities for the loss");
                    break;
            }
        }
        ValidateOutput();
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"learning_rate must be positive (got {Text(LearningRate)})");
        Require(Momentum is >= 0 and < 1, $"momentum must be in [0, 1) (got {Text(Momentum)})");
        Require(BatchSize is -1 or >= 1, $"batch_size must be -1 (all rows) or at least 1 (got {BatchSize})");
        return this;
    }

    /// <summary>
    /// Whether this model can learn a task of <paramref name="classCount"/> classes (0 for regression) from
    /// <paramref name="featureCount"/> features, as the clients agreed them: the output must have a unit per class (one
    /// sigmoid unit, or a two-unit softmax, for two), and a declared input_units must be the feature count.
    /// </summary>
    public void CheckFits(int featureCount, NeuralTask task, int classCount)
    {
        CheckFeatureCount(featureCount);
        var (last, lastIndex) = LastDense;
        switch (task)
        {
            case NeuralTask.Regression:
                Require(Task == NeuralTask.Regression, $"the label is a regression target, but the model is a classifier (loss {Loss.ToWire()}); use loss: mse and one output unit");
                break;
            case NeuralTask.Binary or NeuralTask.MultiClass when Task == NeuralTask.Regression:
                throw new ArgumentException($"the label takes {classCount} classes, but the model regresses one value (loss mse); use loss: cross_entropy and end with softmax (or sigmoid for two classes)");
            case NeuralTask.Binary:
                Require(OutputUnits is 1 or 2, $"the label takes 2 classes, but {last.Describe(lastIndex)}, the output layer, has {OutputUnits} units; set units: 2 before softmax, or units: 1 before sigmoid");
                break;
            case NeuralTask.MultiClass:
                Require(Task == NeuralTask.MultiClass && OutputUnits == classCount,
                    $"the label takes {classCount} classes across the clients, but {last.Describe(lastIndex)}, the output layer, has {OutputUnits} unit(s){(Task == NeuralTask.Binary ? " before sigmoid" : "")}; set units: {classCount} and end with softmax");
                break;
        }
    }

    /// <summary>
    /// Whether this model can train on rows of <paramref name="featureCount"/> values with these targets: class indices
    /// 0..K−1 for a K-unit softmax, 0/1 for a sigmoid, any finite value for regression.
    /// </summary>
    public void CheckData(int featureCount, IReadOnlyList<double> targets, string labelName = "y")
    {
        CheckFeatureCount(featureCount);
        for (var i = 0; i < targets.Count; i++)
        {
            var y = targets[i];
            Require(double.IsFinite(y), $"label \"{labelName}\" is missing or not a number in row {i}");
            switch (Task)
            {
                case NeuralTask.Binary:
                    Require(y is 0 or 1, $"label \"{labelName}\" in row {i} is {Text(y)}; a model ending in one sigmoid unit takes 0/1 labels");
                    break;
                case NeuralTask.MultiClass:
                    Require(y >= 0 && y < OutputUnits && y == Math.Floor(y),
                        $"label \"{labelName}\" in row {i} is {Text(y)}, but the model's softmax over {OutputUnits} units has classes 0..{OutputUnits - 1}; "
                        + $"set the last dense layer's units to the number of classes");
                    break;
            }
        }
    }

    /// <summary>The network this definition describes, over samples of <paramref name="featureCount"/> values, uninitialised.</summary>
    public Network Build(int featureCount)
    {
        var layers = new List<ILayer>();
        var shape = Shape.Vector(featureCount);
        foreach (var definition in Layers)
        {
            var layer = definition.Build(shape);
            layers.Add(layer);
            shape = layer.OutputShape;
        }
        return new Network(layers);
    }

    public ILoss CreateLoss() => Loss == LossKind.Mse ? new MeanSquaredErrorLoss() : new CrossEntropyLoss();

    public INeuralOptimizer CreateOptimizer(int parameterCount) => Optimizer == NeuralOptimizerKind.Sgd
        ? new SgdMomentum(parameterCount, LearningRate, Momentum)
        : new Adam(parameterCount, LearningRate);

    private (LayerDefinition Layer, int Index) LastDense => Layers.Select((l, i) => (l, i)).Last(p => p.l.Kind == LayerKind.Dense);

    private void CheckFeatureCount(int featureCount)
    {
        Require(featureCount >= 1, "the data has no feature columns for the model to read");
        var (first, index) = Layers.Select((l, i) => (l, i)).First(p => p.l.Kind == LayerKind.Dense);
        Require(first.InputUnits is null || first.InputUnits == featureCount,
            $"{first.Describe(index)} declares input_units: {first.InputUnits}, but the data has {featureCount} feature columns");
    }

    private void ValidateOutput()
    {
        var last = Layers[^1];
        var where = last.Describe(Layers.Count - 1);
        var units = OutputUnits;
        if (Loss == LossKind.Mse)
        {
            Require(last.Kind != LayerKind.Softmax, $"loss mse regresses one value, and {where} makes probabilities; end with a dense layer of 1 unit");
            Require(units == 1, $"loss mse regresses one value per row, so the last dense layer needs units: 1 (it has {units})");
            return;
        }
        switch (last.Kind)
        {
            case LayerKind.Softmax:
                Require(units >= 2, $"{where} over {units} unit: a softmax needs one unit per class, at least 2; for a 0/1 label end with a 1-unit dense layer and sigmoid");
                break;
            case LayerKind.Sigmoid:
                Require(units == 1, $"{where} over {units} units: cross_entropy with sigmoid is binary and needs the last dense layer to have units: 1; for {units} classes end with softmax");
                break;
            default:
                throw new ArgumentException($"loss cross_entropy needs probabilities, but the last layer is {where}; end with softmax (one unit per class) or with sigmoid after a 1-unit dense layer");
        }
    }

    private static string Text(double value) => value.ToString(CultureInfo.InvariantCulture);

    private static void Require(bool ok, string message)
    {
        if (!ok)
        {
            throw new ArgumentException(message);
        }
    }
}
