using System.Numerics.Tensors;

namespace Concord.ML.Neural.Optimizers;

/// <summary>
/// Adam (Kingma and Ba): m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g², w ← w − η·m̂/(√v̂ + ε) with the bias corrections
/// m̂ = m/(1−β₁ᵗ), v̂ = v/(1−β₂ᵗ); ε = 1e-8 sits outside the root, as in PyTorch.
/// </summary>
public sealed class Adam(int parameterCount, double learningRate, double beta1 = 0.9, double beta2 = 0.999) : INeuralOptimizer
{
    public const double Epsilon = 1e-8;
    private readonly double[] _first = new double[parameterCount];
    private readonly double[] _second = new double[parameterCount];
    private readonly double[] _scratch = new double[parameterCount];
    private long _steps;

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        _steps++;
        TensorPrimitives.Multiply(_first, beta1, _first);
        TensorPrimitives.MultiplyAdd(gradient, 1 - beta1, _first, _first);
        TensorPrimitives.Multiply(gradient, gradient, _scratch);
        TensorPrimitives.Multiply(_second, beta2, _second);
        TensorPrimitives.MultiplyAdd(_scratch, 1 - beta2, _second, _second);
        var firstCorrection = 1 - Math.Pow(beta1, _steps);
        var secondCorrection = 1 - Math.Pow(beta2, _steps);
        // √v̂ + ε = √v / √(1−β₂ᵗ) + ε, then m̂ over it.
        TensorPrimitives.Sqrt(_second, _scratch);
        TensorPrimitives.Multiply(_scratch, 1 / Math.Sqrt(secondCorrection), _scratch);
        TensorPrimitives.Add(_scratch, Epsilon, _scratch);
        TensorPrimitives.Divide(_first, _scratch, _scratch);
        TensorPrimitives.MultiplyAdd(_scratch, -learningRate / firstCorrection, parameters, parameters);
    }
}
