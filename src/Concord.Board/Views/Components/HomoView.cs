using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Board.Charts;
using Concord.Flow.Components.Homo;
using Concord.Flow.Store;

namespace Concord.Board.Views.Components;

/// <summary>
/// homo_lr and homo_nn: a table of the rounds (the arbiter's loss, participants and time; a client's local loss),
/// the privacy budget spent per round under differential privacy, and the global model's shape and definition (layers).
/// </summary>
public static class HomoView
{
    public static IReadOnlySet<string> Shown { get; } = new HashSet<string>(["participants", "included", "seconds", "privacy", "rounds", "rounds_trained"]);

    public static IReadOnlyList<ViewSection> Sections(JsonObject metrics, StoredModel? model)
    {
        var sections = new List<ViewSection> { new("Rounds", Rounds(metrics)) };
        if (metrics["privacy"] is JsonObject privacy)
        {
            var spent = MetricJson.Numbers(privacy["epsilon_by_round"]);
            var settings = privacy.Where(kv => kv.Key != "epsilon_by_round").Select(kv => (IReadOnlyList<string>)[kv.Key, MetricJson.Text(kv.Value)]).ToList();
            sections.Add(new("Differential privacy", [
                new FigureBlock(new LineChart("ε spent after each round", [Series.Of("ε", MetricJson.Steps(spent.Length), spent)]) { XTitle = "round", YTitle = "ε" }.ToSvg()),
                new TableBlock(null, ["setting", "value"], settings),
            ]));
        }
        if (model is not null)
        {
            sections.Add(Model(model));
        }
        return sections;
    }

    private static IReadOnlyList<ViewBlock> Rounds(JsonObject metrics)
    {
        (string Header, double[] Values)[] columns =
        [
            ("loss", MetricJson.Numbers(metrics["loss"])),
            ("local loss", MetricJson.Numbers(metrics["local_loss"])),
            ("participants", MetricJson.Numbers(metrics["participants"])),
            ("included", MetricJson.Numbers(metrics["included"])),
            ("seconds", MetricJson.Numbers(metrics["seconds"])),
            ("ε spent", MetricJson.Numbers(MetricJson.Field(metrics["privacy"], "epsilon_by_round"))),
        ];
        var present = columns.Where(c => c.Values.Length > 0).ToList();
        var rounds = present.Select(c => c.Values.Length).DefaultIfEmpty(0).Max();
        if (rounds == 0)
        {
            return [new NoteBlock("No rounds recorded at this party.")];
        }
        var rows = Enumerable.Range(0, rounds).Select(r => (IReadOnlyList<string>)[
            (r + 1).ToString(CultureInfo.InvariantCulture),
            .. present.Select(c => r < c.Values.Length && double.IsFinite(c.Values[r]) ? MetricJson.Format(c.Values[r]) : "")]).ToList();
        return [new TableBlock(null, ["round", .. present.Select(c => c.Header)], rows)];
    }

    private static ViewSection Model(StoredModel model)
    {
        try
        {
            var file = HomoModelFile.FromBytes(model.Bytes, model.Info.ToString());
            var blocks = new List<ViewBlock>
            {
                new TableBlock(null, ["", ""], [
                    ["model", file.Model],
                    ["task", file.Shape.Task.ToString()],
                    ["features", string.Join(", ", file.Shape.FeatureNames)],
                    ["classes", string.Join(", ", file.Shape.Classes.Select(MetricJson.Format))],
                    ["parameters", file.Parameters.Length.ToString(CultureInfo.InvariantCulture)],
                ]),
            };
            if (file.Definition is JsonObject definition)
            {
                blocks.Add(GenericView.Table("Definition (layers, loss, …)", definition));
            }
            return new("Global model", blocks);
        }
        catch (ArgumentException ex)
        {
            return new("Global model", [new NoteBlock(ex.Message)]);
        }
    }
}
