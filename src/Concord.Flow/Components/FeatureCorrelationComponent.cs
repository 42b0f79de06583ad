using System.Text.Json;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Correlation;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's hetero_feature_correlation: Pearson (or Spearman) correlations across parties on PSI-aligned rows, computed
/// under the guest's Paillier key. Each party's metrics and model hold only what it is entitled to: its own block and
/// VIFs, and its cross blocks (the guest's always, a host's under host_learns_cross) with the other's columns anonymous.
/// </summary>
public sealed class FeatureCorrelationComponent : IFederatedComponent
{
    public string Type => "feature_correlation";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var options = OptionsBinder.Bind<CorrelationOptions>(run.Parameters, FeatureCorrelationSpec.Spec);
        var columns = TableColumns.Features(table);
        run.Log($"{options.Method} correlation of {table.FeatureCount} features over {table.RowCount} rows");
        var model = run.Context.Self.Role == Role.Guest
            ? await new CorrelationGuest(run.Context, options).RunAsync(columns, table.Ids, ct).ConfigureAwait(false)
            : await new CorrelationHost(run.Context, options).RunAsync(columns, table.Ids, ct).ConfigureAwait(false);
        return new ComponentOutput(Metrics: JsonSerializer.SerializeToNode(model, Control.ControlJson.Options), Model: model.ToBytes());
    }
}
