namespace Concord.ML.Neural.Definition;

/// <summary>What a network's output means, fixed by its loss and last layer.</summary>
public enum NeuralTask
{
    /// <summary>One sigmoid unit under cross-entropy: P(y = 1) for 0/1 labels.</summary>
    Binary,

    /// <summary>A softmax over K ≥ 2 units under cross-entropy: labels are class indices 0..K−1.</summary>
    MultiClass,

    /// <summary>One output unit under MSE.</summary>
    Regression,
}
