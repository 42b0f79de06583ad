using System.Text.Json;
using Concord.Federation.Parties;
using Concord.ML.Statistics;

namespace Concord.Flow.Components;

/// <summary>
/// Federated statistics over horizontally split tables: the guest learns per-feature count, missing count,
/// mean, variance, min and max over every party's rows; each party contributes only masked values.
/// </summary>
public sealed class StatisticsComponent : IFederatedComponent
{
    public string Type => "statistics";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var columns = TableColumns.Features(table);
        run.Log($"{table.RowCount} rows, {table.FeatureCount} features"
            + (run.Checkpoints.ResumeFrom is long round ? $"; resuming from bisection round {round}" : ""));
        if (run.Context.Self.Role == Role.Guest)
        {
            var result = await new StatisticsGuest(run.Context, run.Checkpoints).RunAsync(columns, ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: JsonSerializer.SerializeToNode(result, Control.ControlJson.Options));
        }
        await new StatisticsHost(run.Context, run.Checkpoints).RunAsync(columns, ct).ConfigureAwait(false);
        return ComponentOutput.Nothing;
    }
}
