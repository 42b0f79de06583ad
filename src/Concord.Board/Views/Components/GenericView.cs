using System.Text.Json.Nodes;

namespace Concord.Board.Views.Components;

/// <summary>
/// Any metrics as tables: top-level values as name and value, each list of objects as a table with a column per
/// key, each object of values as its own name-value table. What the specific views did not draw ends up here.
/// </summary>
public static class GenericView
{
    public static IReadOnlyList<ViewSection> Sections(JsonNode? metrics, IReadOnlySet<string> shown, string heading = "Other metrics")
    {
        if (metrics is not JsonObject o)
        {
            return metrics is null ? [] : [new(heading, [new TableBlock(null, ["value"], [[MetricJson.Text(metrics)]])])];
        }
        var rest = o.Where(kv => !shown.Contains(kv.Key) && kv.Value is not null).ToList();
        if (rest.Count == 0)
        {
            return [];
        }
        var blocks = new List<ViewBlock>();
        var values = rest.Where(kv => kv.Value is JsonValue || (kv.Value is JsonArray a && a.All(v => v is null or JsonValue) && a.Count <= 12)).ToList();
        if (values.Count > 0)
        {
            blocks.Add(new TableBlock(null, ["name", "value"], [.. values.Select(kv => (IReadOnlyList<string>)[kv.Key, Cell(kv.Value)])]));
        }
        foreach (var (key, value) in rest.Except(values))
        {
            blocks.Add(Table(key, value!));
        }
        return [new(heading, blocks)];
    }

    /// <summary>A value as one table: a list of objects by column, an object by name, a long list of values by index.</summary>
    public static TableBlock Table(string caption, JsonNode value)
    {
        switch (value)
        {
            case JsonArray array when array.Count > 0 && array.All(v => v is JsonObject):
                var objects = array.Cast<JsonObject>().ToList();
                var columns = objects.SelectMany(r => r.Select(kv => kv.Key)).Distinct().ToList();
                return new TableBlock(caption, columns, [.. objects.Select(r => (IReadOnlyList<string>)[.. columns.Select(c => Cell(r[c]))])]);
            case JsonArray array:
                return new TableBlock(caption, ["#", "value"], [.. array.Select((v, i) => (IReadOnlyList<string>)[(i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Cell(v)])]);
            case JsonObject obj:
                return new TableBlock(caption, ["name", "value"], [.. obj.Select(kv => (IReadOnlyList<string>)[kv.Key, Cell(kv.Value)])]);
            default:
                return new TableBlock(caption, ["value"], [[Cell(value)]]);
        }
    }

    /// <summary>A cell: a list of plain values joined by commas, anything else as <see cref="MetricJson.Text"/>.</summary>
    private static string Cell(JsonNode? node) =>
        node is JsonArray a && a.All(v => v is null or JsonValue) ? string.Join(", ", a.Select(MetricJson.Text)) : MetricJson.Text(node);
}
