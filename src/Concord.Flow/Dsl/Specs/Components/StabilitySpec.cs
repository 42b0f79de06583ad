using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Stability;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Population stability index per column between an expected and an actual table, each party on its own columns.</summary>
internal static class StabilitySpec
{
    public static ComponentSpec Spec { get; } = new("stability", "population stability index (PSI) of each column between an expected and an actual table")
    {
        Inputs = [InputSpec.Data("expected"), InputSpec.Data("actual")],
        Outputs = [OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<StabilityOptions>(),
    };
}
