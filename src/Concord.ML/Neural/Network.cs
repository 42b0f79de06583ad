namespace Concord.ML.Neural;

/// <summary>
/// A sequence of layers with one flat parameter vector and one flat gradient vector, each layer holding its slice in
/// order. The flat vector is what federated averaging, secure aggregation and the optimizers work on.
/// </summary>
public sealed class Network
{
    private readonly ILayer[] _layers;
    private readonly double[] _parameters;
    private readonly double[] _gradients;

    public Network(IReadOnlyList<ILayer> layers)
    {
        if (layers.Count == 0)
        {
            throw new ArgumentException("a network needs at least one layer");
        }
        for (var i = 1; i < layers.Count; i++)
        {
            if (!layers[i].InputShape.Equals(layers[i - 1].OutputShape))
            {
                throw new ArgumentException($"layer {i} ({layers[i].Name}) takes {layers[i].InputShape}, but layer {i - 1} ({layers[i - 1].Name}) gives {layers[i - 1].OutputShape}");
            }
        }
        _layers = [.. layers];
        var count = layers.Sum(l => (long)l.ParameterCount);
        _parameters = new double[checked((int)count)];
        _gradients = new double[_parameters.Length];
        var offset = 0;
        foreach (var layer in _layers)
        {
            layer.Bind(_parameters.AsMemory(offset, layer.ParameterCount), _gradients.AsMemory(offset, layer.ParameterCount));
            offset += layer.ParameterCount;
        }
    }

    public IReadOnlyList<ILayer> Layers => _layers;

    public Shape InputShape => _layers[0].InputShape;

    public Shape OutputShape => _layers[^1].OutputShape;

    public int ParameterCount => _parameters.Length;

    /// <summary>Every layer's parameters, concatenated in layer order.</summary>
    public Span<double> Parameters => _parameters;

    /// <summary>The accumulated gradient, laid out as <see cref="Parameters"/>.</summary>
    public Span<double> Gradients => _gradients;

    /// <summary>Draws every layer's initial parameters; layer i draws from its own stream of <paramref name="seed"/>.</summary>
    public void Initialize(long seed)
    {
        for (var i = 0; i < _layers.Length; i++)
        {
            _layers[i].Initialize(new Random(NeuralSeeds.Derive(seed, NeuralSeeds.Initialization, i)));
        }
    }

    public Tensor Forward(Tensor input, ForwardPass pass)
    {
        if (input.Width != InputShape.Size)
        {
            throw new ArgumentException($"the network takes samples of shape {InputShape}; got {input.Shape}");
        }
        var x = input.Shape.Equals(InputShape) ? input : new Tensor(input.Rows, InputShape, input.Data);
        foreach (var layer in _layers)
        {
            x = layer.Forward(x, pass);
        }
        return x;
    }

    /// <summary>Backpropagates dLoss/dOutput of the last forward pass, adding to <see cref="Gradients"/>.</summary>
    public void Backward(Tensor outputGradient)
    {
        var g = outputGradient;
        for (var i = _layers.Length - 1; i >= 0; i--)
        {
            g = _layers[i].Backward(g);
        }
    }

    public void ZeroGradients() => Array.Clear(_gradients);
}
