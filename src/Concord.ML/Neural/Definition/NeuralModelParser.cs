using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.ML.JobParameters;

namespace Concord.ML.Neural.Definition;

/// <summary>
/// Reads a model definition from a component's parameters:
/// <c>layers: [{type: dense, units: 32}, {type: relu}, {type: dropout, rate: 0.1}, {type: dense, units: 4}, {type: softmax}]</c>
/// with <c>loss</c>, <c>optimizer</c>, <c>learning_rate</c>, <c>momentum</c> and <c>batch_size</c>. Every error names the
/// layer's index and the field, and the whole definition is validated before it is returned.
/// </summary>
public static class NeuralModelParser
{
    /// <summary>The fields each layer type takes besides <c>type</c>.</summary>
    public static IReadOnlyDictionary<LayerKind, string[]> FieldsByKind { get; } = new Dictionary<LayerKind, string[]>
    {
        [LayerKind.Dense] = ["units", "input_units"],
        [LayerKind.Relu] = [],
        [LayerKind.Sigmoid] = [],
        [LayerKind.Tanh] = [],
        [LayerKind.Dropout] = ["rate"],
        [LayerKind.Softmax] = [],
    };

    public static NeuralModelDefinition Parse(JsonObject parameters)
    {
        if (parameters["layers"] is not JsonArray list)
        {
            throw new ArgumentException("parameter \"layers\" is not set; expected a list such as [{type: dense, units: 4}, {type: softmax}]");
        }
        var layers = list.Select((item, i) => Layer(item, i)).ToList();
        var defaults = new NeuralModelDefinition(layers);
        return new NeuralModelDefinition(
            layers,
            parameters["loss"] is null ? defaults.Loss : Word<LossKind>(parameters, "loss"),
            parameters["optimizer"] is null ? defaults.Optimizer : Word<NeuralOptimizerKind>(parameters, "optimizer"),
            Number(parameters, "learning_rate") ?? defaults.LearningRate,
            Number(parameters, "momentum") ?? defaults.Momentum,
            (int?)Whole(parameters, "batch_size", "batch_size") ?? defaults.BatchSize).Validate();
    }

    private static LayerDefinition Layer(JsonNode? item, int index)
    {
        var where = $"layers[{index}]";
        if (item is not JsonObject layer)
        {
            throw new ArgumentException($"{where}: expected a layer such as {{type: dense, units: 8}}, found {Describe(item)}");
        }
        var word = layer["type"] is JsonValue v && v.TryGetValue<string>(out var s) ? s
            : throw new ArgumentException($"{where}: the layer has no \"type\"; expected one of {string.Join(", ", LayerKinds.Words)}");
        var kind = LayerKinds.Parse(word) ?? throw new ArgumentException($"{where}: unknown layer type \"{word}\"; expected one of {string.Join(", ", LayerKinds.Words)}");
        where = $"{where} ({word})";
        var fields = FieldsByKind[kind];
        foreach (var (key, _) in layer)
        {
            if (key != "type" && !fields.Contains(key))
            {
                throw new ArgumentException(fields.Length == 0
                    ? $"{where}: unknown field \"{key}\"; a {word} layer takes no fields"
                    : $"{where}: unknown field \"{key}\"; a {word} layer takes {string.Join(", ", fields)}");
            }
        }
        return kind switch
        {
            LayerKind.Dense => LayerDefinition.Dense(
                (int)(Whole(layer, "units", $"{where}.units") ?? throw new ArgumentException($"{where}: \"units\" is not set; a dense layer needs its width, e.g. units: 16")),
                (int?)Whole(layer, "input_units", $"{where}.input_units")),
            LayerKind.Dropout => LayerDefinition.Dropout(Number(layer, "rate", $"{where}.rate") ?? 0.5),
            _ => LayerDefinition.Of(kind),
        };
    }

    private static T Word<T>(JsonObject parameters, string name)
        where T : struct, Enum
    {
        var word = parameters[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        var words = WireNames.Of(typeof(T));
        return words.FirstOrDefault(w => w.Wire == word).Value is T value
            ? value
            : throw new ArgumentException($"{name}: expected one of {string.Join(", ", words.Select(w => w.Wire))}, found {Describe(parameters[name])}");
    }

    private static long? Whole(JsonObject o, string name, string where)
    {
        if (Element(o, name) is not JsonElement e)
        {
            return null;
        }
        return e.ValueKind == JsonValueKind.Number && e.TryGetInt64(out var n) && n is >= int.MinValue and <= int.MaxValue
            ? n
            : throw new ArgumentException($"{where}: expected an integer, found {Describe(o[name])}");
    }

    private static double? Number(JsonObject o, string name, string? where = null)
    {
        if (Element(o, name) is not JsonElement e)
        {
            return null;
        }
        return e.ValueKind == JsonValueKind.Number
            ? e.GetDouble()
            : throw new ArgumentException($"{where ?? name}: expected a number, found {Describe(o[name])}");
    }

    // A number may arrive as any CLR numeric type (parsed from YAML, or JSON off the wire), so it is read by value.
    private static JsonElement? Element(JsonObject o, string name) => o[name] is JsonNode node ? JsonSerializer.SerializeToElement(node) : null;

    private static string Describe(JsonNode? node) => node switch
    {
        null => "nothing",
        JsonObject => "a mapping",
        JsonArray => "a list",
        _ => node.ToJsonString(),
    };
}
