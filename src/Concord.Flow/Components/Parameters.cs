using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Flow.Components;

/// <summary>
/// Reads a component's resolved parameters. A number may arrive as any CLR numeric type (a default declared in
/// code, a value parsed from YAML, a value that crossed the wire as JSON), so numbers are read by value.
/// </summary>
public static class Parameters
{
    public static long Int(this JsonObject parameters, string name) => Number(parameters, name, e => e.GetInt64());

    public static double Double(this JsonObject parameters, string name) => Number(parameters, name, e => e.GetDouble());

    public static string? String(this JsonObject parameters, string name) => parameters[name]?.GetValue<string>();

    public static IReadOnlyList<string>? StringList(this JsonObject parameters, string name) =>
        parameters[name] is JsonArray list ? [.. list.Select(item => item!.GetValue<string>())] : null;

    private static T Number<T>(JsonObject parameters, string name, Func<JsonElement, T> read) =>
        parameters[name] is JsonNode node
            ? read(JsonSerializer.SerializeToElement(node))
            : throw new ArgumentException($"parameter \"{name}\" is not set");
}
