using System.Text.Json.Nodes;
using Concord.Board.Charts;

namespace Concord.Board.Views.Components;

/// <summary>feature_correlation: this party's own correlation matrix, its cross blocks against other parties' anonymous columns, and the VIFs.</summary>
public static class CorrelationView
{
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(["features", "local", "cross", "vif", "method"]);

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics)
    {
        var features = metrics["features"] is JsonArray f ? f.Select(MetricJson.Text).ToList() : [];
        var method = MetricJson.String(metrics["method"]) ?? "correlation";
        var blocks = new List<ViewBlock> { new FigureBlock(new Heatmap($"{Capitalised(method)} correlation of own features", features, features, Matrix(metrics["local"]), ColourScale.Correlation).ToSvg()) };
        foreach (var cross in (metrics["cross"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var columns = cross["columns"] is JsonArray c ? c.Select(MetricJson.Text).ToList() : [];
            var party = MetricJson.Text(cross["party"]);
            blocks.Add(new FigureBlock(new Heatmap($"Own features × party {party}'s columns (anonymous)", features, columns, Matrix(cross["correlations"]), ColourScale.Correlation)
            {
                RowTitle = "own feature",
                ColumnTitle = $"party {party}",
            }.ToSvg()));
        }
        var vif = MetricJson.Numbers(metrics["vif"]);
        if (vif.Length == features.Count && vif.Length > 0)
        {
            blocks.Add(new TableBlock("Variance inflation factors", ["feature", "VIF"], [.. features.Select((name, i) => (IReadOnlyList<string>)[name, MetricJson.Format(vif[i])])]));
        }
        return [new("Correlation", blocks)];
    }

    private static List<IReadOnlyList<double>> Matrix(JsonNode? node) =>
        node is JsonArray rows ? [.. rows.Select(r => (IReadOnlyList<double>)MetricJson.Numbers(r))] : [];

    private static string Capitalised(string word) => word.Length == 0 ? word : char.ToUpperInvariant(word[0]) + word[1..];
}
