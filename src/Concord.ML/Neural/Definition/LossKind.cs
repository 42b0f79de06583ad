namespace Concord.ML.Neural.Definition;

public enum LossKind
{
    CrossEntropy,
    Mse,
}

public enum NeuralOptimizerKind
{
    Sgd,
    Adam,
}
