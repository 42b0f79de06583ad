using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

public sealed class TanhLayer(Shape shape) : ActivationLayer(shape)
{
    public override string Name => "tanh";

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Tanh(x, y);

    protected override void Derivative(ReadOnlySpan<double> y, Span<double> derivative)
    {
        TensorPrimitives.Multiply(y, y, derivative);
        TensorPrimitives.Subtract(1.0, derivative, derivative);
    }
}
