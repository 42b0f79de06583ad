using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

/// <summary>1 / (1 + e^−x); as the last layer with one unit it is a binary classifier's P(y = 1).</summary>
public sealed class SigmoidLayer(Shape shape) : ActivationLayer(shape)
{
    public override string Name => "sigmoid";

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Sigmoid(x, y);

    protected override void Derivative(ReadOnlySpan<double> y, Span<double> derivative)
    {
        TensorPrimitives.Subtract(1.0, y, derivative);
        TensorPrimitives.Multiply(derivative, y, derivative);
    }
}
