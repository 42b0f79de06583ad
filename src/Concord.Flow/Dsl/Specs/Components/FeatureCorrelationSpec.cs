using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Correlation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Pearson or Spearman correlation across parties on aligned rows (FATE's hetero_feature_correlation), and VIF.</summary>
internal static class FeatureCorrelationSpec
{
    public static ComponentSpec Spec { get; } = new("feature_correlation", "Pearson or Spearman correlation across parties on PSI-aligned rows, and each party's VIF")
    {
        RequiredRoles = [Role.Guest, Role.Host],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics, OutputSpec.Model],
        Parameters = OptionsBinder.Spec<CorrelationOptions>(),
    };
}
