using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Scores predictions against the labels, which only the guest has.</summary>
internal static class EvaluationSpec
{
    public static ComponentSpec Spec { get; } = new("evaluation", "metrics of predictions against labels")
    {
        Roles = [Role.Guest],
        RequiredRoles = [Role.Guest],
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics],
        Parameters =
        [
            Param.Enum("eval_type", "binary", "multi", "regression").Default("binary")
                .Describe("binary reads predict_score = P(y=1); multi reads predict_score_<class>; regression reads predict_score"),
            Param.Double("threshold").Between(0, 1).Default(0.5).Describe("binary: a row scoring at least this is called positive"),
            Param.Int("pos_label").Between(0, 1).Default(1).Describe("binary: the class whose precision, recall and F1 are reported"),
            Param.StringList("metrics").Describe("the scalar metrics to report, e.g. [auc, ks]; all of eval_type's when unset. Curves and the confusion matrix are always kept"),
        ],
    };
}
