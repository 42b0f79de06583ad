namespace Concord.ML.Neural;

/// <summary>
/// One layer of a network over a batch. The network owns one flat parameter vector and one flat gradient vector and
/// hands each layer its slices (<see cref="Bind"/>), so a model's parameters are a single vector, as federated
/// averaging needs, without copying. A layer keeps what its backward pass needs from the last forward pass.
/// </summary>
public interface ILayer
{
    /// <summary>What the layer is, for messages: e.g. <c>dense(32)</c>.</summary>
    string Name { get; }

    Shape InputShape { get; }

    Shape OutputShape { get; }

    int ParameterCount { get; }

    /// <summary>This layer's parameters, a slice of the network's vector; empty for a layer without any.</summary>
    Span<double> Parameters { get; }

    /// <summary>The gradient of the loss with respect to <see cref="Parameters"/>, same layout; backward adds to it.</summary>
    Span<double> Gradients { get; }

    /// <summary>Takes slices of the network's parameter and gradient vectors, each <see cref="ParameterCount"/> long.</summary>
    void Bind(Memory<double> parameters, Memory<double> gradients);

    /// <summary>Writes initial parameters drawn from <paramref name="random"/>.</summary>
    void Initialize(Random random);

    Tensor Forward(Tensor input, ForwardPass pass);

    /// <summary>
    /// Given dLoss/dOutput of the last forward pass, adds dLoss/dParameters to <see cref="Gradients"/> and returns
    /// dLoss/dInput.
    /// </summary>
    Tensor Backward(Tensor outputGradient);
}
