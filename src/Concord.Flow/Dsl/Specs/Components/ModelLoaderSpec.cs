using Concord.Federation.Parties;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Loads each party's share of a model trained by an earlier job from its own registry, e.g. for a warm start.</summary>
internal static class ModelLoaderSpec
{
    public static ComponentSpec Spec { get; } = new("model_loader", "loads each party's share of a registered model (model id job_component, as `concord model list` shows)")
    {
        Roles = [Role.Guest, Role.Host, Role.Arbiter],
        Outputs = [OutputSpec.Model],
        Parameters =
        [
            Param.String("model_id").Required().Describe("the registry id, e.g. <job id>_hetero_lr_0"),
            Param.Int("version").AtLeast(1).Describe("the model version; the latest when absent"),
            Param.String("component").Describe("for a deployed pipeline (concord job deploy): the fitted component whose share to load from it"),
        ],
    };
}
