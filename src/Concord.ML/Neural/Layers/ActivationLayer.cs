namespace Concord.ML.Neural.Layers;

/// <summary>
/// An element-wise activation y = f(x). Each one here has a derivative that is a function of its output (ReLU: y &gt; 0,
/// sigmoid: y(1 − y), tanh: 1 − y²), so only the output is kept for backward.
/// </summary>
public abstract class ActivationLayer(Shape shape) : ParameterlessLayer(shape)
{
    private Tensor? _output;

    public sealed override Tensor Forward(Tensor input, ForwardPass pass)
    {
        var output = input.ZerosLike();
        Apply(input.Data, output.Data);
        _output = output;
        return output;
    }

    public sealed override Tensor Backward(Tensor outputGradient)
    {
        var output = Last(_output);
        var inputGradient = outputGradient.ZerosLike();
        Derivative(output.Data, inputGradient.Data);
        System.Numerics.Tensors.TensorPrimitives.Multiply(inputGradient.Data, outputGradient.Data, inputGradient.Data);
        return inputGradient;
    }

    /// <summary>y = f(x), element-wise.</summary>
    protected abstract void Apply(ReadOnlySpan<double> x, Span<double> y);

    /// <summary>f'(x) written in terms of y = f(x), element-wise.</summary>
    protected abstract void Derivative(ReadOnlySpan<double> y, Span<double> derivative);
}
