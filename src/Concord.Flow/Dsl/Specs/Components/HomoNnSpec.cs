using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.JobParameters;
using Concord.ML.Neural.Definition;
using Concord.ML.Validation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// homo_nn: a neural network trained by horizontal federated learning. The network is a list of layers in the job
/// file; each layer's type and fields are checked where they are written, and the whole definition (layer order,
/// output against loss) when the file is read, so a model that cannot work fails at submit time. Whether it fits the
/// data (input_units, one output unit per class) is checked by the arbiter once the clients have described their
/// tables, before the first round.
/// </summary>
public static class HomoNnSpec
{
    // A mismatch of loss and output is reported at the layers, since the loss is more often left at its default.
    private static readonly string[] TrainingParameters = ["optimizer", "learning_rate", "momentum", "batch_size"];

    public static IReadOnlyList<ParameterVariant> Layers { get; } =
    [
        Param.Variant(
            "dense",
            Param.Int("units").AtLeast(1).Required().Describe("outputs of the layer"),
            Param.Int("input_units").AtLeast(1).Describe("inputs it expects (optional, checked against the data or the layer before)")),
        Param.Variant("relu"),
        Param.Variant("sigmoid"),
        Param.Variant("tanh"),
        Param.Variant("dropout", Param.Double("rate").AtLeast(0).Below(1).Describe("probability of zeroing a value in training (default 0.5)")),
        Param.Variant("softmax"),
    ];

    public static ComponentSpec Spec { get; } = WithWholeModel(HomoSpecs.Spec("homo_nn", "a neural network (dense layers, activations, dropout, softmax) trained by horizontal federated learning",
    [
        Param.TypedList("layers", [.. Layers]).Required()
            .Describe("the network in order, e.g. [{type: dense, units: 32}, {type: relu}, {type: dense, units: 4}, {type: softmax}]"),
        .. OptionsBinder.Spec<NeuralModelDefinition>(),
    ], p => IsRegression(p) ? ValidationTask.Regression : ValidationTask.Binary));

    /// <summary>Whether the network regresses (mse) rather than classifies, which decides its validation metrics.</summary>
    public static bool IsRegression(System.Text.Json.Nodes.JsonObject parameters) => parameters["loss"]?.GetValue<string>() == WireNames.Of(LossKind.Mse);

    private static ComponentSpec WithWholeModel(ComponentSpec spec) => spec with { Rules = [.. spec.Rules, WholeModel] };

    /// <summary>The definition as a whole, as the clients will build it; reported at the parameter its problem is about.</summary>
    private static RuleViolation? WholeModel(System.Text.Json.Nodes.JsonObject parameters, JobParties parties)
    {
        // Without layers a training job is refused already (the parameter is required); a predicting one takes its model's.
        if (parameters["layers"] is null)
        {
            return null;
        }
        try
        {
            NeuralModelParser.Parse(parameters);
            return null;
        }
        catch (ArgumentException ex)
        {
            var about = TrainingParameters.FirstOrDefault(p => ex.Message.StartsWith(p, StringComparison.Ordinal)) ?? "layers";
            return new RuleViolation(about, ex.Message);
        }
    }
}
