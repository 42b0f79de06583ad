using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Components;

namespace Concord.Flow.Jobs;

/// <summary>
/// The flow store's data record of one task: every table it produced, by output name (data_split's train, validate and
/// test sets, most components' one "data" table), so that the output endpoint serves only what that run wrote. A record
/// written before components had several tables names the "data" table alone.
/// </summary>
internal static class OutputTables
{
    private const string Tables = "tables";

    public static JsonObject Record(IEnumerable<(string Output, TableName Table, long Rows)> tables) => new()
    {
        [Tables] = new JsonObject(tables.Select(t => KeyValuePair.Create(t.Output,
            (JsonNode?)new JsonObject { ["namespace"] = t.Table.Namespace, ["name"] = t.Table.Name, ["rows"] = t.Rows }))),
    };

    /// <summary>The tables a record names, by output name, in the order the component produced them.</summary>
    public static IReadOnlyList<(string Output, TableName Table)> Read(JsonNode reference)
    {
        var tables = reference[Tables] as JsonObject ?? new JsonObject { [ComponentOutput.DataOutput] = reference.DeepClone() };
        return [.. tables
            .Where(t => t.Value?["namespace"] is JsonValue && t.Value["name"] is JsonValue)
            .Select(t => (t.Key, new TableName(t.Value!["namespace"]!.GetValue<string>(), t.Value["name"]!.GetValue<string>())))];
    }
}
