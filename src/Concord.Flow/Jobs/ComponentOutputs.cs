using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Audit;
using Concord.Flow.Components;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>
/// Where a component's outputs live at one party: data tables in the party's table store (so a resumed or
/// rerun job can read an upstream output it does not recompute), metrics and models in the flow store.
/// Each table read or written and each model produced goes into the party's audit trail.
/// </summary>
internal sealed class ComponentOutputs(IFlowStore store, string partyHome, IAuditLog audit)
{
    public static TableName DataTable(string jobId, string component, string output = ComponentOutput.DataOutput) => new(jobId, $"{component}_{output}");

    /// <summary>The registry id of a component's model: the same at every party, each of which holds its own share.</summary>
    public static string ModelId(string jobId, string component) => $"{jobId}_{component}";

    /// <summary>What a task's table accesses are recorded as: that job, by that component.</summary>
    public ITableAccessLog TableAccess(TaskKey task) => new TableAudit(audit, task.JobId, $"component {task.Component}");

    public async Task SaveAsync(TaskKey task, string componentType, string role, ComponentOutput output, CancellationToken ct)
    {
        var tables = new List<(string Output, TableName Table, long Rows)>();
        foreach (var (slot, data) in output.Tables)
        {
            var name = DataTable(task.JobId, task.Component, slot);
            TableStore.Open(partyHome, TableAccess(task)).Save(name, data, options: new SaveOptions { Overwrite = true });
            tables.Add((slot, name, data.RowCount));
        }
        // The flow store keeps one data record per task, naming every table it produced: what the output endpoint serves.
        if (tables.Count > 0)
        {
            await store.PutOutputAsync(task, OutputSlot.Data, OutputTables.Record(tables), ct).ConfigureAwait(false);
        }
        if (output.Metrics is JsonNode metrics)
        {
            await store.PutMetricAsync(task, componentType, MetricKind.Table, metrics.DeepClone(), ct: ct).ConfigureAwait(false);
        }
        if (output.Model is byte[] model)
        {
            var saved = await store.SaveModelAsync(new NewModel(ModelId(task.JobId, task.Component), componentType, task.Party, role, task.JobId, [], model), ct).ConfigureAwait(false);
            audit.AppendInBackground(new AuditEvent(AuditKinds.ModelProduced, $"{saved.ModelId} v{saved.Version}")
            {
                JobId = task.JobId,
                Bytes = saved.Size,
                Digest = saved.Sha256,
                Actor = $"component {task.Component}",
                Detail = componentType,
            });
            await store.PutOutputAsync(task, OutputSlot.Model, new JsonObject { ["model_id"] = saved.ModelId, ["version"] = saved.Version }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>An upstream component's data output from an earlier attempt of the same job.</summary>
    public PartyTable LoadData(TaskKey task, string component, string output, CancellationToken ct)
    {
        var name = DataTable(task.JobId, component, output);
        var tables = TableStore.Open(partyHome, TableAccess(task));
        return tables.Exists(name)
            ? tables.Load(name, ct)
            : throw new InvalidOperationException($"the data output {output} of {component} in job {task.JobId} is not stored at this party, so it cannot be reused; rerun the job from {component}");
    }
}
