using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.FeatureScale;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Standard or min-max scaling of each party's own columns.</summary>
internal static class FeatureScaleSpec
{
    public static ComponentSpec Spec { get; } = new("feature_scale", "scales each party's own columns, standard or min_max, with statistics of its training rows")
    {
        // With input_model (a model_loader's output) the fitted scales of a training job are applied, not refitted.
        Inputs = [InputSpec.Data(), InputSpec.Model("input_model", required: false)],
        Outputs = [OutputSpec.Data, OutputSpec.Model],
        Parameters = OptionsBinder.Spec<FeatureScaleOptions>(),
        Rules =
        [
            (p, _) => OptionsBinder.Bind<FeatureScaleOptions>(p, Spec) is { Method: ScaleMethod.MinMax } o && !(o.RangeMin < o.RangeMax)
                ? new RuleViolation("feature_range", $"feature_range: min {o.RangeMin} is not below max {o.RangeMax}")
                : null,
        ],
    };
}
