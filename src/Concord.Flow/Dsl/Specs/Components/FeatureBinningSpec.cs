using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.FeatureBinning;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>FATE's HeteroFeatureBinning: each party bins its own columns; WOE and IV come from the guest's labels.</summary>
internal static class FeatureBinningSpec
{
    public static ComponentSpec Spec { get; } = new("hetero_feature_binning", "bins each party's columns and computes WOE and IV against the guest's label (hosts' bins by Paillier sums)")
    {
        // With input_model (a model_loader's output) the fitted cut points and WOEs are replayed, not refitted.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<FeatureBinningOptions>(),
    };
}
