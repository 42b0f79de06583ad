using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.ML.Statistics;

namespace Concord.Flow.Dsl.Specs.Components;

/// <summary>
/// Per-feature statistics: over every party's rows (horizontal), or over each party's own columns (vertical). The job
/// says which with mode, since a guest and hosts look the same in both; horizontal stays the default.
/// </summary>
internal static class StatisticsSpec
{
    public static ComponentSpec Spec { get; } = new("statistics", "per-feature statistics: federated over horizontally split rows, or local to each party's columns in vertical mode")
    {
        Inputs = [InputSpec.Data()],
        Outputs = [OutputSpec.Metrics],
        Parameters = OptionsBinder.Spec<StatisticsOptions>(),
        Rules = [KnownStatistics, RevealOnlyWhenVertical],
    };

    private static RuleViolation? KnownStatistics(JsonObject parameters, JobParties parties) =>
        Revealed(parameters).FirstOrDefault(s => !ColumnSummary.Statistics.Contains(s)) is string unknown
            ? new("reveal_to_guest", $"\"{unknown}\" is not a statistic; expected some of {string.Join(", ", ColumnSummary.Statistics)}")
            : null;

    private static RuleViolation? RevealOnlyWhenVertical(JsonObject parameters, JobParties parties) =>
        Revealed(parameters).Count > 0 && parameters["mode"]?.GetValue<string>() != "vertical"
            ? new("reveal_to_guest", "applies to mode: vertical only; horizontal mode already gives the guest the totals and nothing per host")
            : null;

    private static List<string> Revealed(JsonObject parameters) =>
        parameters["reveal_to_guest"] is JsonArray list ? [.. list.Select(v => v?.GetValue<string>() ?? "")] : [];
}
