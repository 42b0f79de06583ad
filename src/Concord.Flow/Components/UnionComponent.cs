using System.Text.Json.Nodes;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.Union;

namespace Concord.Flow.Components;

/// <summary>FATE's union: each party appends its own input tables, which must share one schema.</summary>
public sealed class UnionComponent : IFederatedComponent
{
    public string Type => "union";

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var options = OptionsBinder.Bind<UnionOptions>(run.Parameters, UnionSpec.Spec);
        var inputs = UnionSpec.Slots.Where(run.Inputs.ContainsKey).Select(slot => (slot, run.Inputs[slot])).ToList();
        var table = FittedState.AtParty(run, () => TableUnion.Of(inputs, options.KeepDuplicate));
        var total = inputs.Sum(i => i.Item2.RowCount);
        run.Log($"appended {inputs.Count} tables: {table.RowCount} rows of {total}");
        return Task.FromResult(new ComponentOutput(table, new JsonObject { ["input_rows"] = total, ["output_rows"] = table.RowCount }));
    }
}
