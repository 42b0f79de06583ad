using System.Numerics.Tensors;

namespace Concord.ML.Neural.Optimizers;

/// <summary>
/// SGD with momentum as PyTorch writes it: v ← μ·v + g, w ← w − η·v. With μ = 0 it is plain SGD.
/// </summary>
public sealed class SgdMomentum(int parameterCount, double learningRate, double momentum) : INeuralOptimizer
{
    private readonly double[] _velocity = new double[parameterCount];

    public void Step(Span<double> parameters, ReadOnlySpan<double> gradient)
    {
        TensorPrimitives.MultiplyAdd(_velocity, momentum, gradient, _velocity);
        TensorPrimitives.MultiplyAdd(_velocity, -learningRate, parameters, parameters);
    }
}
