using System.Text.Json;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;
using Concord.ML.Onnx;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Onnx;

/// <summary>
/// A trained homo_lr or homo_nn model exported as ONNX and run by ONNX Runtime scores held-out rows as the model
/// itself does. Both compute in double, so they may differ only by the order of the sums and the exp kernels: the
/// bound is 1e-12, far below the 1e-6 a float32 graph would need.
/// </summary>
public class HorizontalOnnxTests(ITestOutputHelper output)
{
    private const double Tolerance = 1e-12;
    private static readonly string[] Features = ["x0", "x1", "x2", "x3"];

    public static TheoryData<string> Models => ["lr_binary", "lr_three_classes", "lr_binary_without_intercept", "nn_every_layer", "nn_sigmoid", "nn_two_class_softmax", "nn_regression"];

    [Theory]
    [MemberData(nameof(Models))]
    public void Onnx_runtime_scores_held_out_rows_as_the_trained_model_does(string name)
    {
        var (factory, shape, model) = Trained(name);
        var heldOut = Rows(new Random(99), 40, scale: 3);

        using var session = new InferenceSession(HorizontalOnnx.Export(factory, shape, model.GetParameters()));
        var input = new DenseTensor<double>(heldOut.SelectMany(r => r).ToArray(), [heldOut.Length, Features.Length]);
        using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
        var scores = results.Single(r => r.Name == "predict_score").AsTensor<double>();

        Assert.Equal([heldOut.Length, shape.Outputs], scores.Dimensions.ToArray());
        var largest = 0.0;
        for (var i = 0; i < heldOut.Length; i++)
        {
            var ours = model.Predict(heldOut[i]);
            for (var k = 0; k < ours.Length; k++)
            {
                largest = Math.Max(largest, Math.Abs(ours[k] - scores[i, k]));
            }
        }
        output.WriteLine($"{name}: largest |ONNX Runtime − ours| over {heldOut.Length} rows × {shape.Outputs} output(s) = {largest:E3}");
        Assert.InRange(largest, 0, Tolerance);
        Assert.Equal(JsonSerializer.Serialize(Features), session.ModelMetadata.CustomMetadataMap["concord.features"]);
    }

    [Fact]
    public void A_layer_without_an_onnx_form_is_refused_by_its_place_and_kind()
    {
        var definition = new NeuralModelDefinition([LayerDefinition.Dense(3), new LayerDefinition((LayerKind)99), LayerDefinition.Dense(1), LayerDefinition.Of(LayerKind.Sigmoid)]);
        var shape = new ModelShape(HorizontalTask.Binary, Features, [0, 1]);

        var error = Assert.Throws<ArgumentException>(() => HorizontalOnnx.Export(new NeuralModelFactory(definition), shape, new double[(5 * 3) + 4]));

        Assert.Equal("layers[1] (99) has no ONNX form; the layers an ONNX export takes are dense, relu, sigmoid, tanh, dropout and softmax", error.Message);
    }

    [Fact]
    public void Parameters_that_do_not_fit_the_model_are_refused()
    {
        var (factory, shape, model) = Trained("lr_three_classes");

        var error = Assert.Throws<ArgumentException>(() => HorizontalOnnx.Export(factory, shape, model.GetParameters()[1..]));

        Assert.Equal("homo_lr over 4 features and 3 block(s) has 15 parameters; the model holds 14", error.Message);
    }

    /// <summary>A model trained a few epochs on 120 rows of four features, so that its parameters are nothing special.</summary>
    private static (ILocalModelFactory Factory, ModelShape Shape, ILocalModel Model) Trained(string name)
    {
        var rows = Rows(new Random(7), 120, scale: 2);
        var classes = name is "lr_three_classes" or "nn_every_layer" ? 3 : 2;
        var labels = rows.Select(r => r[0] - r[1] + (0.5 * r[2]) is var s && name == "nn_regression" ? s
            : classes == 2 ? (s > 0 ? 1.0 : 0.0) : (s < -1 ? 0.0 : s < 1 ? 1.0 : 2.0)).ToArray();
        ILocalModelFactory factory = name switch
        {
            "lr_binary" or "lr_three_classes" => new HomoLrFactory(new HomoLrOptions { BatchSize = 32, LearningRate = 0.3 }),
            "lr_binary_without_intercept" => new HomoLrFactory(new HomoLrOptions { BatchSize = 32, FitIntercept = false }),
            "nn_every_layer" => Network(
                LayerDefinition.Dense(6), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dropout(0.3), LayerDefinition.Dense(5), LayerDefinition.Of(LayerKind.Tanh),
                LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Sigmoid), LayerDefinition.Dense(3), LayerDefinition.Of(LayerKind.Softmax)),
            "nn_sigmoid" => Network(LayerDefinition.Dense(5), LayerDefinition.Of(LayerKind.Tanh), LayerDefinition.Dense(1), LayerDefinition.Of(LayerKind.Sigmoid)),
            "nn_two_class_softmax" => Network(LayerDefinition.Dense(5), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dense(2), LayerDefinition.Of(LayerKind.Softmax)),
            _ => new NeuralModelFactory(new NeuralModelDefinition([LayerDefinition.Dense(5), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dense(1)], Loss: LossKind.Mse).Validate()),
        };
        var shape = name == "nn_regression" ? new ModelShape(HorizontalTask.Regression, Features, []) : ModelShape.ForClassification(Features, labels, "y");
        var model = factory.Create(shape, new HorizontalData(Features, rows, labels), seed: 5);
        model.Train(new LocalTrainingRequest(Epochs: 5, ProximalMu: 0, model.GetParameters(), DpSgd: null, Seed: 11), CancellationToken.None);
        return (factory, shape, model);
    }

    private static NeuralModelFactory Network(params LayerDefinition[] layers) => new(new NeuralModelDefinition(layers, BatchSize: 16).Validate());

    private static double[][] Rows(Random random, int count, double scale) =>
        [.. Enumerable.Range(0, count).Select(_ => Features.Select(_ => ((random.NextDouble() * 2) - 1) * scale).ToArray())];
}
