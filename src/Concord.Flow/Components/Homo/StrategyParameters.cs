using Concord.Flow.Dsl.Specs;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Strategies;
using Concord.ML.JobParameters;

namespace Concord.Flow.Components.Homo;

/// <summary>
/// The submit-time rule of the <c>strategy: { name: fedadam, ... }</c> group of the horizontal components; the group's
/// fields, names and defaults (Flower's) are declared on <see cref="StrategySettings"/>.
/// </summary>
public static class StrategyParameters
{
    /// <summary>Robust rules read each update; under secure aggregation or Paillier the arbiter has only the sum.</summary>
    public static ComponentRule Rule { get; } = (p, _) =>
        p["strategy"]?["name"]?.GetValue<string>() is string name && Kind(name) is StrategyKind kind
        && new StrategySettings { Name = kind }.NeedsEachUpdate
        && p["aggregation"]?.GetValue<string>() is string aggregation && aggregation != WireNames.Of(AggregationKind.Plain)
            ? new RuleViolation("strategy", $"strategy {StrategySettings.SumOnlyRefusal(name, aggregation)}")
            : null;

    private static StrategyKind? Kind(string wire) =>
        StrategySettings.WireNames.Where(n => n.Wire == wire).Select(n => (StrategyKind?)n.Kind).FirstOrDefault();
}
