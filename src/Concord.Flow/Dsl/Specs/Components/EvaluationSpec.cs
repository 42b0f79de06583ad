using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Evaluation;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Scores predictions against the labels, which only the guest has.</summary>
internal static class EvaluationSpec
{
    public static ComponentSpec Spec { get; } = new("evaluation", "metrics of predictions against labels")
    {
        Roles = [Role.Guest],
        RequiredRoles = [Role.Guest],
        NumericLabels = true,
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<EvaluationOptions>(),
    };
}
