using Concord.ML.Neural.Layers;

namespace Concord.ML.Neural.Definition;

/// <summary>
/// One entry of a model's <c>layers</c> list. <paramref name="Units"/> is a dense layer's width;
/// <paramref name="InputUnits"/>, optional, is the width it expects in (as PyTorch's in_features), checked against
/// the data; <paramref name="Rate"/> is a dropout layer's drop probability.
/// </summary>
public sealed record LayerDefinition(LayerKind Kind, int Units = 0, int? InputUnits = null, double Rate = 0)
{
    public static LayerDefinition Dense(int units, int? inputUnits = null) => new(LayerKind.Dense, units, inputUnits);

    public static LayerDefinition Dropout(double rate) => new(LayerKind.Dropout, Rate: rate);

    public static LayerDefinition Of(LayerKind kind) => new(kind);

    public ILayer Build(Shape input) => Kind switch
    {
        LayerKind.Dense => new DenseLayer(input, Units),
        LayerKind.Relu => new ReluLayer(input),
        LayerKind.Sigmoid => new SigmoidLayer(input),
        LayerKind.Tanh => new TanhLayer(input),
        LayerKind.Dropout => new DropoutLayer(input, Rate),
        LayerKind.Softmax => new SoftmaxLayer(input),
        _ => throw new ArgumentException($"unknown layer kind {Kind}"),
    };

    /// <summary>How messages name the layer at <paramref name="index"/>: <c>layers[2] (dense)</c>.</summary>
    public string Describe(int index) => $"layers[{index}] ({Kind.ToWire()})";
}
