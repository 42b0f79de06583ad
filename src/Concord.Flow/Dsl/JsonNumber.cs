using System.Text.Json.Nodes;

namespace Concord.Flow.Dsl;

/// <summary>
/// Numbers out of JSON nodes whatever CLR type made them. A JsonValue gives back only the type it was
/// created from, and the DSL has both: defaults written as int or double literals, values read as long.
/// </summary>
internal static class JsonNumber
{
    public static double ToDouble(JsonNode value) =>
        value.AsValue().TryGetValue(out long whole) ? whole
        : value.AsValue().TryGetValue(out int small) ? small
        : value.GetValue<double>();

    public static long ToLong(JsonNode value) =>
        value.AsValue().TryGetValue(out long whole) ? whole : value.GetValue<int>();
}
