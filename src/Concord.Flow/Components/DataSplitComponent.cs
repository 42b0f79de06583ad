using System.Text.Json.Nodes;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Preprocessing.DataSplit;
using Concord.ML.Psi;

namespace Concord.Flow.Components;

/// <summary>
/// FATE's data_split: three tables, train, validate and test, from each party's rows. It fits nothing, so it has no
/// model; a vertical job's parties put the same ids in the same set (see <see cref="DataSplitGuest"/>).
/// </summary>
public sealed class DataSplitComponent : IFederatedComponent
{
    public string Type => "data_split";

    public async Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        var table = run.RequireInput("data");
        var options = OptionsBinder.Bind<DataSplitOptions>(run.Parameters, DataSplitSpec.Spec);
        var sets = run.Context.Self.Role == Role.Guest
            ? await new DataSplitGuest(run.Context).RunAsync(table, options, run.Seed, ct).ConfigureAwait(false)
            : await new DataSplitHost(run.Context).RunAsync(table, options, run.Seed, ct).ConfigureAwait(false);
        var tables = new Dictionary<string, Data.PartyTable>(StringComparer.Ordinal);
        var metrics = new JsonObject { ["original_count"] = table.RowCount, ["stratified"] = options.Stratified };
        foreach (var (output, set) in new[] { (DataSplitSpec.Train, SplitSet.Train), (DataSplitSpec.Validate, SplitSet.Validate), (DataSplitSpec.Test, SplitSet.Test) })
        {
            tables[output] = RowSelection.Select(table, [.. Enumerable.Range(0, sets.Length).Where(i => sets[i] == set)]);
            metrics[$"{output[..output.IndexOf('_')]}_count"] = tables[output].RowCount;
        }
        run.Log($"split {table.RowCount} rows: {metrics["train_count"]} train, {metrics["validate_count"]} validate, {metrics["test_count"]} test");
        return new ComponentOutput(Metrics: metrics) { Named = tables };
    }
}
