using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Concord.Data;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;
using Concord.ML.Onnx;

namespace Concord.Flow.Components.Homo;

/// <summary>
/// The trained global model as a horizontal component outputs it, at the arbiter and at every client: which model, its
/// agreed shape, its parameters, and the model's own job parameters (<see cref="Definition"/>: layers and loss, or
/// fit_intercept, ...) that rebuild it, so that a client can score new rows with it alone. At a client,
/// <see cref="FeatureKinds"/> are the kinds of that client's training columns, in <see cref="ModelShape.FeatureNames"/>' order.
/// </summary>
public sealed record HomoModelFile(string Model, ModelShape Shape, double[] Parameters, JsonObject? Definition = null, FeatureKind[]? FeatureKinds = null)
{
    // Words, not numbers, for the task and kinds: the file is also what a standalone export is made from.
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a model file; <paramref name="what"/> names it in errors (e.g. "party guest 9999's input_model").</summary>
    public static HomoModelFile FromBytes(byte[] bytes, string what)
    {
        HomoModelFile? file;
        try
        {
            file = JsonSerializer.Deserialize<HomoModelFile>(bytes, Json);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a horizontal model (homo_lr, homo_nn): {ex.Message}", ex);
        }
        if (file is not { Model: not null, Shape.FeatureNames: not null, Shape.Classes: not null, Parameters: not null })
        {
            throw new ArgumentException($"{what} is not a horizontal model (homo_lr, homo_nn): it lacks its model, shape or parameters");
        }
        if (file.FeatureKinds is { } kinds && kinds.Length != file.Shape.FeatureNames.Length)
        {
            throw new ArgumentException($"{what} names {file.Shape.FeatureNames.Length} features but gives the kinds of {kinds.Length}");
        }
        return file;
    }

    /// <summary>The factory the model was trained with, rebuilt from <see cref="Definition"/>.</summary>
    public ILocalModelFactory Factory(string what)
    {
        var definition = Definition
            ?? throw new ArgumentException($"{what} was saved without its model's definition, before horizontal models could predict alone; train it again");
        return Naming(what, () => Model switch
        {
            "homo_lr" => new HomoLrFactory(HomoLrComponent.Options(definition)),
            "homo_nn" => (ILocalModelFactory)new NeuralModelFactory(NeuralModelParser.Parse(definition)),
            _ => throw new ArgumentException($"it is a \"{Model}\" model; the horizontal models are homo_lr and homo_nn"),
        });
    }

    /// <summary>The model with its trained parameters, over no rows: it predicts, and never trains.</summary>
    public ILocalModel Build(string what)
    {
        var factory = Factory(what);
        return Naming(what, () =>
        {
            var model = factory.Create(Shape, new HorizontalData(Shape.FeatureNames, [], []), seed: 0);
            model.SetParameters(Parameters);
            return model;
        });
    }

    /// <summary>The model as a standalone ONNX model (see <see cref="HorizontalOnnx"/>), which a client runs without Concord.</summary>
    public byte[] ToOnnx(string what)
    {
        var factory = Factory(what);
        return Naming(what, () => HorizontalOnnx.Export(factory, Shape, Parameters));
    }

    /// <summary>Runs <paramref name="step"/>, a refusal of which is prefixed with <paramref name="what"/>, the model it is about.</summary>
    private static T Naming<T>(string what, Func<T> step)
    {
        try
        {
            return step();
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"{what}: {ex.Message}", ex);
        }
    }

    /// <summary>The columns the model was trained on with their kinds at this client, or null where none were kept (the arbiter's copy).</summary>
    public IReadOnlyList<Feature>? TrainedFeatures => FeatureKinds is { } kinds ? [.. Shape.FeatureNames.Zip(kinds, (name, kind) => new Feature(name, kind))] : null;
}
