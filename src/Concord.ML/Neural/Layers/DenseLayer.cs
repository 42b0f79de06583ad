using System.Numerics.Tensors;

namespace Concord.ML.Neural.Layers;

/// <summary>
/// y = x·W + b over the flattened input. Parameters are W row-major (inputs × units, so W's row k is what input k adds
/// to every unit) followed by b. Every inner loop runs over a row of W, the SIMD direction.
/// Initial values are PyTorch's default for Linear: uniform in ±1/√inputs for W and b alike.
/// </summary>
public sealed class DenseLayer : ILayer
{
    private readonly int _inputs;
    private readonly int _units;
    private Memory<double> _parameters;
    private Memory<double> _gradients;
    private Tensor? _input;

    public DenseLayer(Shape input, int units)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(units, 1);
        InputShape = input;
        OutputShape = Shape.Vector(units);
        _inputs = input.Size;
        _units = units;
    }

    public string Name => $"dense({_units})";

    public Shape InputShape { get; }

    public Shape OutputShape { get; }

    public int ParameterCount => checked((_inputs + 1) * _units);

    public Span<double> Parameters => _parameters.Span;

    public Span<double> Gradients => _gradients.Span;

    private Span<double> Weights => _parameters.Span[..(_inputs * _units)];

    private Span<double> Bias => _parameters.Span[(_inputs * _units)..];

    public void Bind(Memory<double> parameters, Memory<double> gradients)
    {
        if (parameters.Length != ParameterCount || gradients.Length != ParameterCount)
        {
            throw new ArgumentException($"{Name} over {_inputs} inputs has {ParameterCount} parameters; got slices of {parameters.Length} and {gradients.Length}");
        }
        _parameters = parameters;
        _gradients = gradients;
    }

    public void Initialize(Random random)
    {
        var bound = 1 / Math.Sqrt(_inputs);
        var p = Parameters;
        for (var i = 0; i < p.Length; i++)
        {
            p[i] = ((2 * random.NextDouble()) - 1) * bound;
        }
    }

    public Tensor Forward(Tensor input, ForwardPass pass)
    {
        RequireWidth(input);
        _input = input;
        var output = new Tensor(input.Rows, OutputShape);
        var w = Weights;
        var b = Bias;
        for (var i = 0; i < input.Rows; i++)
        {
            var x = input.Row(i);
            var y = output.Row(i);
            b.CopyTo(y);
            for (var k = 0; k < _inputs; k++)
            {
                TensorPrimitives.MultiplyAdd(w.Slice(k * _units, _units), x[k], y, y);
            }
        }
        return output;
    }

    public Tensor Backward(Tensor outputGradient)
    {
        var input = _input ?? throw new InvalidOperationException($"{Name}: backward before any forward pass");
        var inputGradient = input.ZerosLike();
        var w = Weights;
        var dw = Gradients[..(_inputs * _units)];
        var db = Gradients[(_inputs * _units)..];
        for (var i = 0; i < input.Rows; i++)
        {
            var x = input.Row(i);
            var dy = outputGradient.Row(i);
            var dx = inputGradient.Row(i);
            TensorPrimitives.Add(db, dy, db);
            for (var k = 0; k < _inputs; k++)
            {
                var dwk = dw.Slice(k * _units, _units);
                TensorPrimitives.MultiplyAdd(dy, x[k], dwk, dwk);
                dx[k] = TensorPrimitives.Dot<double>(w.Slice(k * _units, _units), dy);
            }
        }
        return inputGradient;
    }

    private void RequireWidth(Tensor input)
    {
        if (input.Width != _inputs)
        {
            throw new ArgumentException($"{Name} expects {_inputs} inputs per sample; got {input.Width}");
        }
    }
}
