using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Scores predictions against the labels, which only the guest has.</summary>
internal static class EvaluationSpec
{
    public static ComponentSpec Spec { get; } = new("evaluation", "metrics of predictions against labels")
    {
        Roles = [Role.Guest],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics],
        Parameters =
        [
            Param.Enum("eval_type", "binary", "multi", "regression").Default("binary"),
            Param.StringList("metrics").Describe("the metrics to compute; those usual for eval_type when unset"),
        ],
    };
}
