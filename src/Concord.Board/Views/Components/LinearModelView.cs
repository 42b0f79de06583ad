using System.Globalization;
using System.Text.Json;
using Concord.Board.Charts;
using Concord.Flow.Store;
using Concord.ML.Linear;

namespace Concord.Board.Views.Components;

/// <summary>
/// This party's share of a hetero_lr, hetero_linr or hetero_poisson model: the weights of its own features (and the
/// intercept at the guest), one chart per binary model under one-vs-rest. Other parties' weights are not here to show.
/// </summary>
public static class LinearModelView
{
    public static IReadOnlyList<ViewSection> Sections(StoredModel model)
    {
        PartyLinearModel share;
        try
        {
            share = PartyLinearModel.FromBytes(model.Bytes, model.Info.ToString());
        }
        catch (Exception ex) when (ex is ArgumentException or JsonException)
        {
            return [new("Weights", [new NoteBlock($"{model.Info} could not be read as this party's share of a linear model: {ex.Message}")])];
        }
        var blocks = new List<ViewBlock>();
        for (var m = 0; m < share.Weights.Length; m++)
        {
            var weights = share.Weights[m];
            var bars = share.FeatureNames.Select((name, j) => new Bar(name, j < weights.Length ? weights[j] : double.NaN)).ToList();
            if (share.HasIntercept && weights.Length > share.FeatureNames.Length)
            {
                bars.Add(new Bar("intercept", weights[^1]));
            }
            var which = share.Weights.Length > 1 ? $" (class {share.Classes.ElementAtOrDefault(m).ToString(CultureInfo.InvariantCulture)} against the rest)" : "";
            blocks.Add(new FigureBlock(new BarChart($"Weights of party {model.Info.Party}'s features{which}", bars) { ValueTitle = "weight" }.ToSvg()));
        }
        var standardized = share.Scales.Any(s => s != 1) || share.Means.Any(m => m != 0);
        if (standardized)
        {
            blocks.Add(new NoteBlock("Weights apply to standardised features: (value − mean) / scale, with the means and scales below."));
            blocks.Add(new TableBlock(null, ["feature", "mean", "scale"],
                [.. share.FeatureNames.Select((f, j) => (IReadOnlyList<string>)[f, MetricJson.Format(share.Means.ElementAtOrDefault(j)), MetricJson.Format(share.Scales.ElementAtOrDefault(j))])]));
        }
        return [new("Weights", blocks)];
    }
}
