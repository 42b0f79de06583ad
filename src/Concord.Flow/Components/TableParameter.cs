using System.Text.Json.Nodes;
using Concord.Data;

namespace Concord.Flow.Components;

/// <summary>A component's input table, named in its parameters as <c>{"table": {"namespace": ..., "name": ...}}</c>.</summary>
public static class TableParameter
{
    public static PartyTable Load(ComponentRun run, CancellationToken ct)
    {
        var party = run.Context.Self;
        if (run.Parameters["table"] is not JsonObject table
            || table["namespace"]?.GetValue<string>() is not string ns
            || table["name"]?.GetValue<string>() is not string name)
        {
            throw new ArgumentException($"party {party}: parameter \"table\" must name a table as {{\"namespace\": ..., \"name\": ...}}");
        }
        var store = TableStore.Open(run.PartyHome, run.TableAccess);
        var tableName = new TableName(ns, name);
        if (!store.Exists(tableName))
        {
            throw new ArgumentException($"party {party} has no table {tableName} in {run.PartyHome}; upload it with `concord data upload --party {party.Id}`");
        }
        return store.Load(tableName, ct);
    }
}
