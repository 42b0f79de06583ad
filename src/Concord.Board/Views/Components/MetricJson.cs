using System.Globalization;
using System.Text.Json.Nodes;

namespace Concord.Board.Views.Components;

/// <summary>Reads metric JSON as stored, where a number may be null (JSON has no NaN or infinity).</summary>
internal static class MetricJson
{
    /// <summary>An array of numbers, null entries (and anything not a number) as NaN so charts leave them out; empty when absent.</summary>
    public static double[] Numbers(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => Number(v) ?? double.NaN)] : [];

    /// <summary>A field of an object, or null when the node is absent or not an object (an indexer would throw on an array).</summary>
    public static JsonNode? Field(JsonNode? node, string name) => node is JsonObject o ? o[name] : null;

    public static double? Number(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<double>(out var d) ? d : null;

    public static string? String(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    /// <summary>A cell's text: a number to six significant digits, a string as is, anything nested as compact JSON.</summary>
    public static string Text(JsonNode? node) => node switch
    {
        null => "",
        JsonValue v when v.TryGetValue<bool>(out var b) => b ? "true" : "false",
        JsonValue v when v.TryGetValue<double>(out var d) => Format(d),
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => node.ToJsonString(),
    };

    public static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>1, 2, …, n: the epochs (rounds) of a per-epoch array.</summary>
    public static double[] Steps(int count) => [.. Enumerable.Range(1, count).Select(i => (double)i)];
}
