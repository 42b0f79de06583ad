using System.Text.Json;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Statistics;

namespace Concord.Flow.Components;

/// <summary>
/// Per-feature statistics. Horizontal (the default): the guest learns count, missing count, mean, variance, min and max
/// over every party's rows; each party contributes only masked values. Vertical: each party summarises its own columns
/// locally and keeps the result; hosts send the guest only the statistics named in reveal_to_guest.
/// </summary>
public sealed class StatisticsComponent : IFederatedComponent
{
    public string Type => "statistics";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var columns = TableColumns.Features(table);
        var options = OptionsBinder.Bind<StatisticsOptions>(run.Parameters, StatisticsSpec.Spec);
        var guest = run.Context.Self.Role == Role.Guest;
        if (options.Mode == StatisticsMode.Vertical)
        {
            run.Log($"{table.RowCount} rows, {table.FeatureCount} own features, summarised locally");
            var summary = guest
                ? await VerticalStatistics.GuestAsync(run.Context, columns, options, ct).ConfigureAwait(false)
                : await VerticalStatistics.HostAsync(run.Context, columns, options, ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: JsonSerializer.SerializeToNode(summary, Control.ControlJson.Options));
        }
        run.Log($"{table.RowCount} rows, {table.FeatureCount} features"
            + (run.Checkpoints.ResumeFrom is long round ? $"; resuming from bisection round {round}" : ""));
        if (guest)
        {
            var result = await new StatisticsGuest(run.Context, run.Checkpoints).RunAsync(columns, ct).ConfigureAwait(false);
            return new ComponentOutput(Metrics: JsonSerializer.SerializeToNode(result, Control.ControlJson.Options));
        }
        await new StatisticsHost(run.Context, run.Checkpoints).RunAsync(columns, ct).ConfigureAwait(false);
        return ComponentOutput.Nothing;
    }
}
