namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>Per-feature count, missing count, mean, variance, min and max over every party's rows.</summary>
internal static class StatisticsSpec
{
    public static ComponentSpec Spec { get; } = new("statistics", "federated per-feature statistics over horizontally split data")
    {
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics],
    };
}
