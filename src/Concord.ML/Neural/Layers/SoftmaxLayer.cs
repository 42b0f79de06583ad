using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

/// <summary>
/// Each sample's values turned into probabilities, e^{x_j} / Σ_k e^{x_k}. Its backward is the full Jacobian-vector
/// product, dx = y ⊙ (dy − ⟨dy, y⟩), so it is correct under any loss; under cross-entropy it comes to y − onehot.
/// </summary>
public sealed class SoftmaxLayer(Shape shape) : ParameterlessLayer(shape)
{
    private Tensor? _output;

    public override string Name => "softmax";

    public override Tensor Forward(Tensor input, ForwardPass pass)
    {
        var output = input.ZerosLike();
        for (var i = 0; i < input.Rows; i++)
        {
            // TensorPrimitives.SoftMax exponentiates as given, so e^1000 would overflow; shifting by the row's maximum
            // leaves the result unchanged and keeps every exponent at most 0.
            var y = output.Row(i);
            TensorPrimitives.Subtract(input.Row(i), TensorPrimitives.Max<double>(input.Row(i)), y);
            TensorPrimitives.SoftMax(y, y);
        }
        _output = output;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        var output = Last(_output);
        var inputGradient = outputGradient.ZerosLike();
        for (var i = 0; i < output.Rows; i++)
        {
            var y = output.Row(i);
            var dx = inputGradient.Row(i);
            TensorPrimitives.Subtract(outputGradient.Row(i), TensorPrimitives.Dot<double>(outputGradient.Row(i), y), dx);
            TensorPrimitives.Multiply(dx, y, dx);
        }
        return inputGradient;
    }
}
