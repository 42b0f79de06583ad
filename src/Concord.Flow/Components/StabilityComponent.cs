using System.Text.Json;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Stability;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's PSI (population stability index) between two tables of the same schema: each party on its own columns,
/// locally, with nothing sent to any other party.
/// </summary>
public sealed class StabilityComponent : IFederatedComponent
{
    public string Type => "stability";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var expected = run.RequireInput("expected");
        var actual = run.RequireInput("actual");
        var options = OptionsBinder.Bind<StabilityOptions>(run.Parameters, StabilitySpec.Spec);
        var report = PopulationStability.Compute(TableColumns.Features(expected), TableColumns.Features(actual), options);
        run.Log($"{report.Columns.Length} columns: {report.StableColumns} stable, {report.ModerateColumns} moderate, {report.UnstableColumns} unstable");
        return Task.FromResult(new ComponentOutput(Metrics: JsonSerializer.SerializeToNode(report, Control.ControlJson.Options)));
    }
}
