using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Board.Charts;

namespace Concord.Board.Views.Components;

/// <summary>
/// hetero_feature_binning: IV per column as bars, and a WOE/IV table per column, from the bin tables in its metrics.
/// A host's columns at the guest come under their anonymous ids and without cut points, as the protocol gives them.
/// </summary>
public static class BinningView
{
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(["iv", "bins"]);

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics)
    {
        var sections = new List<ViewSection>();
        if (metrics["iv"] is JsonObject iv)
        {
            var bars = iv.Select(kv => new Bar(kv.Key, MetricJson.Number(kv.Value) ?? double.NaN)).OrderByDescending(b => b.Value).ToList();
            sections.Add(new("Information value", [new FigureBlock(new BarChart("IV per column", bars) { ValueTitle = "IV" }.ToSvg())]));
        }
        if (metrics["bins"] is JsonArray tables)
        {
            sections.Add(new("WOE and IV per bin", [.. tables.OfType<JsonObject>().Select(Table)]));
        }
        return sections;
    }

    private static TableBlock Table(JsonObject table)
    {
        var column = MetricJson.Text(table["column"]);
        var party = MetricJson.Text(table["party"]);
        var cuts = MetricJson.Numbers(table["cuts"]);
        var counts = MetricJson.Numbers(table["counts"]);
        var events = table["events"] is JsonArray e && e.Count > 0 ? MetricJson.Numbers(e[0]) : [];
        var woe = MetricJson.Numbers(table["woe"]);
        var binIv = MetricJson.Numbers(table["binIv"]);
        var rows = Enumerable.Range(0, counts.Length).Select(i => (IReadOnlyList<string>)[
            Range(cuts, i, table["cuts"] is null),
            Cell(counts, i),
            Cell(events, i),
            i < counts.Length && i < events.Length ? MetricJson.Format(counts[i] - events[i]) : "",
            Cell(woe, i),
            Cell(binIv, i),
        ]).ToList();
        var total = MetricJson.Number(table["iv"]) is double iv ? $", IV {MetricJson.Format(iv)}" : "";
        return new TableBlock($"{column} (party {party}){total}", ["bin", "rows", "events", "non-events", "WOE", "IV"], rows);
    }

    /// <summary>A bin's range from the cut points: (−∞, c0], (c0, c1], …, (ck, ∞), then the missing values' bin.</summary>
    private static string Range(double[] cuts, int i, bool hidden)
    {
        if (hidden)
        {
            return $"bin {i + 1}";
        }
        string Cut(double c) => c.ToString("G6", CultureInfo.InvariantCulture);
        return i == 0 ? $"≤ {Cut(cuts[0])}"
            : i < cuts.Length ? $"({Cut(cuts[i - 1])}, {Cut(cuts[i])}]"
            : i == cuts.Length ? $"> {Cut(cuts[^1])}"
            : "missing";
    }

    private static string Cell(double[] values, int i) => i < values.Length && double.IsFinite(values[i]) ? MetricJson.Format(values[i]) : "";
}
