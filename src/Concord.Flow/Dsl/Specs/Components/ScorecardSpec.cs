using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Scorecard;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// Credit scores from a binary model's predictions. Only the guest holds predictions, so the component runs there
/// alone: hosts take no part and exchange nothing.
/// </summary>
internal static class ScorecardSpec
{
    public static ComponentSpec Spec { get; } = new("scorecard", "scales a binary model's predict_score (probability of default) to a credit score")
    {
        Roles = [Role.Guest],
        RequiredRoles = [Role.Guest],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<ScorecardOptions>(),
    };
}
