using System.Text.Json;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.FeatureBinning;
using Concord.ML.FeatureSelection;

namespace Concord.Flow.Components;

/// <summary>
/// FATE 2.x's hetero feature selection: every party ends with its own kept columns (see <see cref="SelectionGuest"/>
/// for what crosses the wire). The kept columns are each party's model; given as input_model, a predict pipeline keeps
/// the same columns and exchanges nothing.
/// </summary>
public sealed class HeteroFeatureSelectionComponent : IFederatedComponent
{
    public string Type => "hetero_feature_selection";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var self = run.Context.Self;
        var table = run.RequireInput("data");
        SelectionModel model;
        if (run.Slots.Contains("input_model"))
        {
            model = run.Models.TryGetValue("input_model", out var fitted)
                ? SelectionModel.FromBytes(fitted, $"party {self}'s input_model")
                : throw new ArgumentException($"party {self}: input_model holds no hetero_feature_selection model at this party; load one with model_loader from its registry");
            run.Log($"keeping the {model.Kept.Length} fitted columns");
        }
        else
        {
            var options = OptionsBinder.Bind<SelectionOptions>(run.Parameters, HeteroFeatureSelectionSpec.Spec);
            var summary = !run.Slots.Contains("binning_model") ? null
                : run.Models.TryGetValue("binning_model", out var binning) ? BinningModel.FromBytes(binning, $"party {self}'s binning_model").Summary
                : throw new ArgumentException($"party {self}: binning_model holds no hetero_feature_binning model at this party");
            var columns = TableColumns.Features(table);
            model = self.Role == Role.Guest
                ? await new SelectionGuest(run.Context).RunAsync(columns, options, summary, ct).ConfigureAwait(false)
                : await new SelectionHost(run.Context).RunAsync(columns, options, summary, ct).ConfigureAwait(false);
            run.Log($"kept {model.Kept.Length} of {table.FeatureCount} columns");
        }
        return new ComponentOutput(Data: model.Apply(table), Metrics: JsonSerializer.SerializeToNode(model, Control.ControlJson.Options), Model: model.ToBytes());
    }
}
