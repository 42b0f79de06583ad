using System.Text.Json;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.JobParameters;
using Concord.ML.Neural;

namespace Concord.ML.Onnx;

/// <summary>
/// A trained horizontal model (homo_lr, homo_nn) as a standalone ONNX model that a client runs without Concord:
/// input <c>features</c> (double, rows × the model's features in <see cref="ModelShape.FeatureNames"/>' order), output
/// <c>predict_score</c> (double, rows × <see cref="ModelShape.Outputs"/>): what <see cref="ILocalModel.Predict"/> gives,
/// P(y = 1) for two classes, one probability per class for more, the value for regression. The model's metadata
/// names the features in order and the classes.
/// </summary>
public static class HorizontalOnnx
{
    public const string FileExtension = ".onnx";

    public static byte[] Export(ILocalModelFactory factory, ModelShape shape, double[] parameters)
    {
        factory.CheckFits(shape);
        var graph = new OnnxGraph(factory.Name, shape.FeatureNames.Length);
        switch (factory)
        {
            case HomoLrFactory lr:
                HomoLrOnnx.Add(graph, shape, parameters, lr.Options.FitIntercept);
                break;
            case NeuralModelFactory nn:
                var width = NeuralOnnx.Add(graph, nn.Definition, shape.FeatureNames.Length, parameters);
                if (width != shape.Outputs)
                {
                    throw new ArgumentException($"the network gives {width} value(s) per row, and a {shape.Task} model of {shape.Classes.Length} classes reports {shape.Outputs}");
                }
                break;
            default:
                throw new ArgumentException($"a {factory.Name} model has no ONNX export; homo_lr and homo_nn models have");
        }
        var task = WireNames.Of(shape.Task);
        var doc = $"{factory.Name} ({task}) exported by Concord: feed \"{OnnxGraph.Input}\" as rows of the features listed in the metadata "
            + $"\"concord.features\", in that order; \"{OnnxGraph.Output}\" is {Meaning(shape)}.";
        return graph.ToBytes(shape.Outputs, doc,
        [
            new("concord.model", factory.Name),
            new("concord.task", task),
            new("concord.features", JsonSerializer.Serialize(shape.FeatureNames)),
            new("concord.classes", JsonSerializer.Serialize(shape.Classes)),
        ]);
    }

    private static string Meaning(ModelShape shape) => shape.Task switch
    {
        HorizontalTask.Binary => "P(y = 1) per row",
        HorizontalTask.MultiClass => "each row's probability of each class of \"concord.classes\", in that order",
        _ => "the predicted value per row",
    };
}
