using Concord.ML.Neural.Definition;

namespace Concord.ML.Onnx;

/// <summary>
/// homo_nn as ONNX nodes, layer by layer: a dense layer is a Gemm with its weights (inputs × units, row-major, as
/// <see cref="Neural.Layers.DenseLayer"/> holds them) and biases; relu, sigmoid, tanh and softmax are ONNX's own ops;
/// dropout is the identity at inference, so it adds no node. A layer kind without a form here is refused by name.
/// </summary>
internal static class NeuralOnnx
{
    /// <summary>Adds the network's nodes; returns the width of its output as <see cref="Neural.NeuralOutput.Interpret"/> reports it.</summary>
    public static int Add(OnnxGraph graph, NeuralModelDefinition definition, int features, double[] parameters)
    {
        var width = features;
        var offset = 0;
        for (var i = 0; i < definition.Layers.Count; i++)
        {
            var layer = definition.Layers[i];
            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    var count = (width + 1) * layer.Units;
                    if (offset + count > parameters.Length)
                    {
                        throw new ArgumentException($"{layer.Describe(i)} needs parameters {offset}..{offset + count - 1}, but the model holds {parameters.Length}");
                    }
                    var weights = graph.Constant($"dense_{i}_weights", parameters[offset..(offset + (width * layer.Units))], width, layer.Units);
                    var biases = graph.Constant($"dense_{i}_biases", parameters[(offset + (width * layer.Units))..(offset + count)], layer.Units);
                    graph.Node("Gemm", [weights, biases]);
                    offset += count;
                    width = layer.Units;
                    break;
                case LayerKind.Relu:
                    graph.Node("Relu", []);
                    break;
                case LayerKind.Sigmoid:
                    graph.Node("Sigmoid", []);
                    break;
                case LayerKind.Tanh:
                    graph.Node("Tanh", []);
                    break;
                case LayerKind.Softmax:
                    graph.Node("Softmax", [], OnnxGraph.Int("axis", 1));
                    break;
                case LayerKind.Dropout:
                    break;
                default:
                    throw new ArgumentException($"{layer.Describe(i)} has no ONNX form; the layers an ONNX export takes are dense, relu, sigmoid, tanh, dropout and softmax");
            }
        }
        if (offset != parameters.Length)
        {
            throw new ArgumentException($"the layers take {offset} parameters, but the model holds {parameters.Length}");
        }
        if (definition.Task == NeuralTask.MultiClass && width == 2)
        {
            // A two-class softmax reports P(y = 1) alone, as a sigmoid unit would.
            graph.Node("Gather", [graph.Constant("class_1", [1L], 1)], OnnxGraph.Int("axis", 1));
            width = 1;
        }
        return width;
    }
}
