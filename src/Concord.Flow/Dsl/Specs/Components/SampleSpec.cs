using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Preprocessing.Sample;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Random down- and up-sampling, per label if asked, and SMOTE on each party's own rows in horizontal jobs.</summary>
internal static class SampleSpec
{
    public static ComponentSpec Spec { get; } = new("sample", "random down- and up-sampling, per label with label_frac; smote up-samples each party's own rows (hetero_sync false)")
    {
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Data, OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<SampleOptions>(),
        Rules =
        [
            (p, _) => SamplePlan.Problem(Options(p)) is var (name, message) ? new RuleViolation(name, message) : null,
            (p, parties) => Options(p) is { Method: SampleMethod.Smote, HeteroSync: true } && parties.Hosts > 0 ? new RuleViolation("method", SamplePlan.SmoteInVertical) : null,
        ],
    };

    private static SampleOptions Options(System.Text.Json.Nodes.JsonObject p) => OptionsBinder.Bind<SampleOptions>(p, Spec);
}
