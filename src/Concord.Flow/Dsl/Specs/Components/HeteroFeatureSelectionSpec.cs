using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.FeatureSelection;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Column selection over vertically split data: each party's own filters, and the guest's IV filters over everyone's columns.</summary>
internal static class HeteroFeatureSelectionSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_feature_selection", "keeps the columns that pass manual, statistic and IV filters, each party its own")
    {
        // binning_model (a hetero_feature_binning model) supplies the IVs; with input_model a fitted selection is replayed.
        Inputs = [InputSpec.Data(), InputSpec.Model("binning_model", required: false), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<SelectionOptions>(),
    };
}
