using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.Imputation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Missing-value imputation of each party's own columns, a method per column.</summary>
internal static class ImputationSpec
{
    public static ComponentSpec Spec { get; } = new("feature_imputation", "fills missing values of each party's own columns by mean, median, mode or a constant, a method per column")
    {
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model],
        Parameters = OptionsBinder.Spec<ImputationOptions>(),
    };
}
