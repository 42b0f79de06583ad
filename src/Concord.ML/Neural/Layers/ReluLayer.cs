using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

/// <summary>max(0, x); the derivative at 0 is taken as 0.</summary>
public sealed class ReluLayer(Shape shape) : ActivationLayer(shape)
{
    public override string Name => "relu";

    protected override void Apply(ReadOnlySpan<double> x, Span<double> y) => TensorPrimitives.Max(x, 0.0, y);

    protected override void Derivative(ReadOnlySpan<double> y, Span<double> derivative)
    {
        for (var i = 0; i < y.Length; i++)
        {
            derivative[i] = y[i] > 0 ? 1 : 0;
        }
    }
}
