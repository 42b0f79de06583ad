namespace Concord.ML.Neural.Definition;

public enum LossKind
{
    CrossEntropy,
    Mse,
}

public static class LossKinds
{
    public static string ToWire(this LossKind loss) => loss == LossKind.Mse ? "mse" : "cross_entropy";
}

public enum NeuralOptimizerKind
{
    Sgd,
    Adam,
}
