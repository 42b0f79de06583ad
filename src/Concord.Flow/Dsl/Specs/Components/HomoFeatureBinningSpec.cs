using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.HomoBinning;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Quantile cut points over every party's rows (horizontally split data), from secure sums of counts.</summary>
internal static class HomoFeatureBinningSpec
{
    public static ComponentSpec Spec { get; } = new("homo_feature_binning", "exact quantile bins over the union of horizontally split rows, from securely summed counts")
    {
        // With input_model (a model_loader's output) the training cut points are applied, not searched for again.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<HomoBinningOptions>(),
    };
}
