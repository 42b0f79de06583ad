using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Board.Charts;
using Concord.Flow.Store;
using Concord.ML.SecureBoost;

namespace Concord.Board.Views.Components;

/// <summary>
/// hetero_secureboost as this party holds it. The guest holds the trees: its own splits with feature and threshold,
/// each host's split only as (host, opaque id), drawn so, anonymous. A host holds its lookup table: the splits it won,
/// under those ids. Each party has its own feature importance in its metrics.
/// </summary>
public static class BoostView
{
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(["feature_importance", "trees", "rounds", "splits"]);

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics, StoredModel? model, int? tree)
    {
        var sections = new List<ViewSection>();
        if (model is not null)
        {
            try
            {
                sections.AddRange(model.Info.Role == "guest" ? Trees(SecureBoostModel.FromBytes(model.Bytes), tree) : [Lookup(HostLookupTable.FromBytes(model.Bytes))]);
            }
            catch (Exception ex) when (ex is InvalidDataException or JsonException)
            {
                sections.Add(new("Model", [new NoteBlock($"{model.Info} could not be read as this party's share of a SecureBoost model: {ex.Message}")]));
            }
        }
        if (metrics["feature_importance"] is JsonArray importance)
        {
            var bars = importance.OfType<JsonObject>()
                .Select(i => new Bar(MetricJson.Text(i["feature"]), MetricJson.Number(i["gain"]) ?? double.NaN)).ToList();
            sections.Add(new("Feature importance", [
                new FigureBlock(new BarChart("Feature importance (total gain of its splits)", bars) { ValueTitle = "gain" }.ToSvg()),
                GenericView.Table("Splits and gain per feature", importance)]));
        }
        return sections;
    }

    /// <summary>Tree <paramref name="tree"/> of the guest's model (the first when not asked or out of range), with links to the others.</summary>
    public static IReadOnlyList<ViewSection> Trees(SecureBoostModel model, int? tree)
    {
        if (model.Trees.Count == 0)
        {
            return [new("Trees", [new NoteBlock("The model has no trees.")])];
        }
        var k = tree is int t && t >= 0 && t < model.Trees.Count ? t : 0;
        var choices = Enumerable.Range(0, model.Trees.Count)
            .Select(i => new Choice((i + 1).ToString(CultureInfo.InvariantCulture), $"?tree={i}", i == k)).ToList();
        var chosen = model.Trees[k];
        var output = model.Outputs > 1 ? $", class output {chosen.Output}" : "";
        var diagram = new TreeDiagram($"Tree {k + 1} of {model.Trees.Count}{output}", [.. chosen.Nodes.Select(n => Box(model, n))]);
        return [new("Trees", [
            new ChoiceBlock("Trees", choices),
            new FigureBlock(diagram.ToSvg(), Scrolls: true),
            new NoteBlock("Own splits name the feature and threshold; a host's splits are anonymous: that host alone knows the feature and threshold behind the split id."),
        ])];
    }

    private static TreeBox Box(SecureBoostModel model, TreeNode node)
    {
        if (node.Split is not SplitRule split)
        {
            return new TreeBox([$"leaf {Number(node.Weight)}"], TreeBoxKind.Leaf);
        }
        var gain = $"gain {Number(node.Gain)}";
        if (split.IsOpaque || split.Party > 0)
        {
            var host = split.Party - 1 < model.HostParties.Length && split.Party > 0 ? model.HostParties[split.Party - 1].ToString(CultureInfo.InvariantCulture) : $"host {split.Party}";
            return new TreeBox([$"party {host}: hidden feature", $"split #{split.SplitId}", gain], TreeBoxKind.OtherSplit, node.Left, node.Right);
        }
        var feature = split.Feature >= 0 && split.Feature < model.GuestFeatures.Length ? model.GuestFeatures[split.Feature] : $"feature {split.Feature}";
        return new TreeBox([$"{feature} ≤ {Number(split.Threshold)}", split.DefaultLeft ? "missing: yes" : "missing: no", gain], TreeBoxKind.OwnSplit, node.Left, node.Right);
    }

    private static ViewSection Lookup(HostLookupTable table) => new("Lookup table", [
        new NoteBlock($"The guest holds the trees; party {table.Party} holds the feature and threshold of each split it won, which the trees name only by id."),
        new TableBlock(null, ["split id", "feature", "threshold", "missing values go"],
            [.. table.Splits.Select(s => (IReadOnlyList<string>)[s.Id.ToString(CultureInfo.InvariantCulture), s.Feature, Number(s.Threshold), s.DefaultLeft ? "left (yes)" : "right (no)"])]),
    ]);

    private static string Number(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
