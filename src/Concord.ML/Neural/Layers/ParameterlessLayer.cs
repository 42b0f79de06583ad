namespace Concord.ML.Neural.Layers;

/// <summary>A layer with nothing to train and the same shape out as in: activations, dropout, softmax.</summary>
public abstract class ParameterlessLayer(Shape shape) : ILayer
{
    public abstract string Name { get; }

    public Shape InputShape => shape;

    public Shape OutputShape => shape;

    public int ParameterCount => 0;

    public Span<double> Parameters => [];

    public Span<double> Gradients => [];

    public void Bind(Memory<double> parameters, Memory<double> gradients)
    {
        if (parameters.Length != 0 || gradients.Length != 0)
        {
            throw new ArgumentException($"{Name} has no parameters to bind");
        }
    }

    public void Initialize(Random random)
    {
    }

    public abstract Tensor Forward(Tensor input, ForwardPass pass);

    public abstract Tensor Backward(Tensor outputGradient);

    /// <summary>The cached value of the last forward pass, or an error saying backward came first.</summary>
    protected T Last<T>(T? cached)
        where T : class =>
        cached ?? throw new InvalidOperationException($"{Name}: backward before any forward pass");
}
