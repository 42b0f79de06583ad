using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

/// <summary>
/// Inverted dropout: in training each value is zeroed with probability <c>rate</c> and the survivors are scaled by
/// 1/(1 − rate), so inference is the identity and needs no rescaling.
/// </summary>
public sealed class DropoutLayer : ParameterlessLayer
{
    private readonly double _rate;
    private double[]? _mask;

    public DropoutLayer(Shape shape, double rate)
        : base(shape)
    {
        if (rate is < 0 or >= 1 || double.IsNaN(rate))
        {
            throw new ArgumentException($"dropout rate must be in [0, 1); got {rate}");
        }
        _rate = rate;
    }

    public override string Name => $"dropout({_rate})";

    public override Tensor Forward(Tensor input, ForwardPass pass)
    {
        var output = input.ZerosLike();
        if (!pass.Training || _rate == 0)
        {
            input.Data.CopyTo(output.Data, 0);
            _mask = null;
            return output;
        }
        var keep = 1 / (1 - _rate);
        var mask = new double[input.Data.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = pass.Random.NextDouble() < _rate ? 0 : keep;
        }
        TensorPrimitives.Multiply(input.Data, mask, output.Data);
        _mask = mask;
        return output;
    }

    public override Tensor Backward(Tensor outputGradient)
    {
        var inputGradient = outputGradient.ZerosLike();
        if (_mask is null)
        {
            outputGradient.Data.CopyTo(inputGradient.Data, 0);
        }
        else
        {
            TensorPrimitives.Multiply(outputGradient.Data, _mask, inputGradient.Data);
        }
        return inputGradient;
    }
}
