using System.Text.Json.Nodes;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;

namespace Concord.ML.Tests.Neural;

/// <summary>Model definitions from job parameters: what parses, and errors that name the layer, the field and the data.</summary>
public class DefinitionTests
{
    private static JsonObject Parameters(string layers, string extra = "") =>
        JsonNode.Parse($$"""{ "layers": {{layers}} {{extra}} }""")!.AsObject();

    private static string Error(string layers, string extra = "") =>
        Assert.Throws<ArgumentException>(() => NeuralModelParser.Parse(Parameters(layers, extra))).Message;

    private const string Vehicle = """[{"type": "dense", "units": 32}, {"type": "relu"}, {"type": "dropout", "rate": 0.1}, {"type": "dense", "units": 4}, {"type": "softmax"}]""";

    [Fact]
    public void The_issue_example_parses_with_defaults_for_what_it_leaves_out()
    {
        var definition = NeuralModelParser.Parse(Parameters(Vehicle, """, "optimizer": "sgd", "momentum": 0.9, "learning_rate": 0.1, "batch_size": 8"""));
        Assert.Equal(
            [LayerDefinition.Dense(32), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dropout(0.1), LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Softmax)],
            definition.Layers);
        Assert.Equal(LossKind.CrossEntropy, definition.Loss);
        Assert.Equal(NeuralOptimizerKind.Sgd, definition.Optimizer);
        Assert.Equal((0.1, 0.9, 8), (definition.LearningRate, definition.Momentum, definition.BatchSize));
        Assert.Equal(NeuralTask.MultiClass, definition.Task);
        Assert.Equal(4, definition.OutputUnits);
        Assert.Equal((18 * 32) + 32 + (32 * 4) + 4, definition.Build(18).ParameterCount);

        var regression = NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 8, "input_units": 3}, {"type": "tanh"}, {"type": "dense", "units": 1}]""", """, "loss": "mse" """));
        Assert.Equal(NeuralTask.Regression, regression.Task);
        Assert.Equal(NeuralOptimizerKind.Adam, regression.Optimizer);
        Assert.Equal(3, regression.Layers[0].InputUnits);
        Assert.Equal(0.5, NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 1}, {"type": "dropout"}, {"type": "sigmoid"}]""")).Layers[1].Rate);
    }

    [Theory]
    [InlineData("""[{"type": "dense", "units": 4}, {"type": "softmx"}]""", "layers[1]: unknown layer type \"softmx\"")]
    [InlineData("""[{"units": 4}]""", "layers[0]: the layer has no \"type\"")]
    [InlineData("""[{"type": "dense"}, {"type": "softmax"}]""", "layers[0] (dense): \"units\" is not set")]
    [InlineData("""[{"type": "dense", "units": "four"}, {"type": "softmax"}]""", "layers[0] (dense).units: expected an integer, found \"four\"")]
    [InlineData("""[{"type": "dense", "units": 2.5}, {"type": "softmax"}]""", "layers[0] (dense).units: expected an integer, found 2.5")]
    [InlineData("""[{"type": "dense", "units": 0}, {"type": "softmax"}]""", "layers[0] (dense): \"units\" must be at least 1 (got 0)")]
    [InlineData("""[{"type": "dense", "units": 4, "rate": 0.5}, {"type": "softmax"}]""", "layers[0] (dense): unknown field \"rate\"; a dense layer takes units, input_units")]
    [InlineData("""[{"type": "dense", "units": 4}, {"type": "relu", "units": 3}, {"type": "softmax"}]""", "layers[1] (relu): unknown field \"units\"; a relu layer takes no fields")]
    [InlineData("""[{"type": "dense", "units": 4}, {"type": "dropout", "rate": 1}, {"type": "softmax"}]""", "layers[1] (dropout): \"rate\" must be in [0, 1) (got 1)")]
    [InlineData("""[{"type": "dense", "units": 4}, {"type": "softmax"}, {"type": "relu"}]""", "layers[1] (softmax) must be the last layer")]
    [InlineData("""[{"type": "dense", "units": 4}, {"type": "relu"}]""", "loss cross_entropy needs probabilities, but the last layer is layers[1] (relu)")]
    [InlineData("""[{"type": "dense", "units": 1}, {"type": "softmax"}]""", "layers[1] (softmax) over 1 unit: a softmax needs one unit per class")]
    [InlineData("""[{"type": "dense", "units": 3}, {"type": "sigmoid"}]""", "layers[1] (sigmoid) over 3 units")]
    [InlineData("""[{"type": "relu"}, {"type": "softmax"}]""", "the model has no dense layer")]
    [InlineData("""[]""", "layers: the model has no layers")]
    [InlineData("""[{"type": "dense", "units": 8}, {"type": "dense", "units": 3, "input_units": 6}, {"type": "softmax"}]""", "layers[1] (dense) declares input_units: 6, but the layer before it gives 8 units")]
    [InlineData("""[3]""", "layers[0]: expected a layer such as {type: dense, units: 8}, found 3")]
    public void A_bad_layer_list_is_refused_naming_the_layer_and_field(string layers, string expected) =>
        Assert.Contains(expected, Error(layers), StringComparison.Ordinal);

    [Theory]
    [InlineData(""", "loss": "mse" """, "loss mse regresses one value")]
    [InlineData(""", "loss": "hinge" """, "loss: expected one of cross_entropy, mse, found \"hinge\"")]
    [InlineData(""", "optimizer": "rmsprop" """, "optimizer: expected one of sgd, adam")]
    [InlineData(""", "learning_rate": 0 """, "learning_rate must be positive")]
    [InlineData(""", "momentum": 1 """, "momentum must be in [0, 1)")]
    [InlineData(""", "batch_size": 0 """, "batch_size must be -1 (all rows) or at least 1")]
    public void Bad_training_settings_are_refused_naming_the_parameter(string extra, string expected) =>
        Assert.Contains(expected, Error(Vehicle, extra), StringComparison.Ordinal);

    [Fact]
    public void A_model_that_does_not_fit_the_agreed_features_and_classes_is_refused()
    {
        var declared = NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 8, "input_units": 20}, {"type": "relu"}, {"type": "dense", "units": 4}, {"type": "softmax"}]"""));
        var ex = Assert.Throws<ArgumentException>(() => declared.CheckFits(18, NeuralTask.MultiClass, 4));
        Assert.Equal("layers[0] (dense) declares input_units: 20, but the data has 18 feature columns", ex.Message);
        declared.CheckFits(20, NeuralTask.MultiClass, 4);

        var fourClasses = NeuralModelParser.Parse(Parameters(Vehicle));
        Assert.Equal(
            "the label takes 3 classes across the clients, but layers[3] (dense), the output layer, has 4 unit(s); set units: 3 and end with softmax",
            Assert.Throws<ArgumentException>(() => fourClasses.CheckFits(18, NeuralTask.MultiClass, 3)).Message);
        Assert.Contains("has 4 units; set units: 2 before softmax, or units: 1 before sigmoid", Assert.Throws<ArgumentException>(() => fourClasses.CheckFits(18, NeuralTask.Binary, 2)).Message, StringComparison.Ordinal);
        Assert.Contains("the label is a regression target, but the model is a classifier (loss cross_entropy)", Assert.Throws<ArgumentException>(() => fourClasses.CheckFits(18, NeuralTask.Regression, 0)).Message, StringComparison.Ordinal);
        Assert.Contains("no feature columns", Assert.Throws<ArgumentException>(() => fourClasses.CheckFits(0, NeuralTask.MultiClass, 4)).Message, StringComparison.Ordinal);

        var binary = NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 1}, {"type": "sigmoid"}]"""));
        binary.CheckFits(3, NeuralTask.Binary, 2);
        Assert.Contains("has 1 unit(s) before sigmoid; set units: 4 and end with softmax", Assert.Throws<ArgumentException>(() => binary.CheckFits(3, NeuralTask.MultiClass, 4)).Message, StringComparison.Ordinal);
        NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 2}, {"type": "softmax"}]""")).CheckFits(3, NeuralTask.Binary, 2);

        var regression = NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 1}]""", """, "loss": "mse" """));
        regression.CheckFits(3, NeuralTask.Regression, 0);
        Assert.Contains("the label takes 2 classes, but the model regresses one value (loss mse)", Assert.Throws<ArgumentException>(() => regression.CheckFits(3, NeuralTask.Binary, 2)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Targets_a_model_cannot_give_are_refused_before_training()
    {
        var fourClasses = NeuralModelParser.Parse(Parameters(Vehicle));
        fourClasses.CheckData(18, [0, 3, 2, 1]);
        var ex = Assert.Throws<ArgumentException>(() => fourClasses.CheckData(18, [0, 3, 4], "class"));
        Assert.Contains("label \"class\" in row 2 is 4, but the model's softmax over 4 units has classes 0..3", ex.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => fourClasses.CheckData(18, [0.5]));
        Assert.Contains("not a number in row 1", Assert.Throws<ArgumentException>(() => fourClasses.CheckData(18, [0, double.NaN])).Message, StringComparison.Ordinal);

        var binary = NeuralModelParser.Parse(Parameters("""[{"type": "dense", "units": 1}, {"type": "sigmoid"}]"""));
        Assert.Contains("takes 0/1 labels", Assert.Throws<ArgumentException>(() => binary.CheckData(3, [0, 1, 2])).Message, StringComparison.Ordinal);

        // The local model checks on construction, so HomoNN fails before its first round.
        var data = NeuralTrainingData.FromRows(2, [[1, 3], [2, 4]], [0, 5]);
        Assert.Contains("classes 0..3", Assert.Throws<ArgumentException>(() => new NeuralLocalModel(fourClasses, data, 1)).Message, StringComparison.Ordinal);
    }
}
