using System.Text.Json.Nodes;

namespace Concord.Board.Views.Components;

/// <summary>Which views a component's page shows, by the component's type; a type without its own view gets tables.</summary>
public static class ComponentViews
{
    /// <param name="tree">The SecureBoost tree asked for (?tree=k), from 0.</param>
    public static IReadOnlyList<ViewSection> Sections(ComponentData data, int? tree = null)
    {
        var metrics = data.Metrics ?? [];
        var sections = new List<ViewSection>();
        var shown = new HashSet<string>();
        void Add(IReadOnlyList<ViewSection> more, IReadOnlySet<string> keys)
        {
            sections.AddRange(more);
            shown.UnionWith(keys);
        }
        switch (data.Type)
        {
            case "evaluation":
                Add(EvaluationView.Sections(metrics), EvaluationView.Shown);
                break;
            case "hetero_lr" or "hetero_linr" or "hetero_poisson":
                Add(TrainingView.Sections(metrics, "epoch"), TrainingView.Shown(metrics));
                if (data.Model is not null)
                {
                    sections.AddRange(LinearModelView.Sections(data.Model));
                }
                break;
            case "hetero_secureboost":
                Add(TrainingView.Sections(metrics, "round"), TrainingView.Shown(metrics));
                Add(BoostView.Sections(metrics, data.Model, tree), BoostView.Shown);
                break;
            case "homo_lr" or "homo_nn":
                Add(TrainingView.Sections(metrics, "round"), TrainingView.Shown(metrics));
                Add(HomoView.Sections(metrics, data.Model), HomoView.Shown);
                break;
            case "hetero_feature_binning":
                Add(BinningView.Sections(metrics), BinningView.Shown);
                break;
            case "hetero_feature_selection":
                Add(SelectionView.Sections(metrics), SelectionView.Shown);
                break;
            case "feature_correlation":
                Add(CorrelationView.Sections(metrics), CorrelationView.Shown);
                break;
        }
        sections.AddRange(GenericView.Sections(data.Metrics, shown, sections.Count == 0 ? "Metrics" : "Other metrics"));
        foreach (var (name, records) in data.Steps)
        {
            sections.Add(new ViewSection(name, [GenericView.Table(name, new JsonArray([.. records.Select(r => (JsonNode)new JsonObject { ["step"] = r.Step, ["value"] = r.Value.DeepClone() })]))]));
        }
        return sections;
    }
}
