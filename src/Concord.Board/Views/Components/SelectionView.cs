using System.Text.Json.Nodes;

namespace Concord.Board.Views.Components;

/// <summary>hetero_feature_selection: this party's columns kept or dropped, with the filter that dropped each, and what the guest learns of hosts' kept columns.</summary>
public static class SelectionView
{
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(["kept", "droppedBy", "hostKept"]);

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics)
    {
        var kept = metrics["kept"] is JsonArray k ? k.Select(MetricJson.Text).ToList() : [];
        var dropped = metrics["droppedBy"] is JsonObject d ? d.Select(kv => (kv.Key, Reason: MetricJson.Text(kv.Value))).ToList() : [];
        var rows = kept.Select(c => (IReadOnlyList<string>)[c, "kept", ""])
            .Concat(dropped.Select(c => (IReadOnlyList<string>)[c.Key, "dropped", c.Reason])).ToList();
        var blocks = new List<ViewBlock> { new TableBlock($"{kept.Count} kept, {dropped.Count} dropped", ["column", "result", "reason"], rows) };
        if (metrics["hostKept"] is JsonObject hosts)
        {
            blocks.Add(new TableBlock("Hosts' kept columns (anonymous)", ["party", "kept"],
                [.. hosts.Select(kv => (IReadOnlyList<string>)[kv.Key, kv.Value is JsonArray a ? string.Join(", ", a.Select(MetricJson.Text)) : MetricJson.Text(kv.Value)])]));
        }
        return [new("Selection", blocks)];
    }
}
