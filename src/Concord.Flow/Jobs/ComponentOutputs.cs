using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>
/// Where a component's outputs live at one party: data tables in the party's table store (so a resumed or
/// rerun job can read an upstream output it does not recompute), metrics and models in the flow store.
/// </summary>
internal sealed class ComponentOutputs(IFlowStore store, string partyHome)
{
    public static TableName DataTable(string jobId, string component) => new(jobId, $"{component}_data");

    public async Task SaveAsync(TaskKey task, string componentType, string role, ComponentOutput output, CancellationToken ct)
    {
        if (output.Data is PartyTable data)
        {
            var name = DataTable(task.JobId, task.Component);
            TableStore.Open(partyHome).Save(name, data, options: new SaveOptions { Overwrite = true });
            await store.PutOutputAsync(task, OutputSlot.Data, new JsonObject { ["namespace"] = name.Namespace, ["name"] = name.Name, ["rows"] = data.RowCount }, ct).ConfigureAwait(false);
        }
        if (output.Metrics is JsonNode metrics)
        {
            await store.PutMetricAsync(task, componentType, MetricKind.Table, metrics.DeepClone(), ct: ct).ConfigureAwait(false);
        }
        if (output.Model is byte[] model)
        {
            var saved = await store.SaveModelAsync(new NewModel($"{task.JobId}_{task.Component}", componentType, task.Party, role, task.JobId, [], model), ct).ConfigureAwait(false);
            await store.PutOutputAsync(task, OutputSlot.Model, new JsonObject { ["model_id"] = saved.ModelId, ["version"] = saved.Version }, ct).ConfigureAwait(false);
        }
    }

    /// <summary>An upstream component's model, as this party saved it in the same job.</summary>
    public async Task<byte[]> LoadModelAsync(string jobId, string component, int party, CancellationToken ct)
    {
        var output = (await store.OutputsAsync(jobId, ct).ConfigureAwait(false))
            .LastOrDefault(o => o.Task.Component == component && o.Task.Party == party && o.Slot == OutputSlot.Model)
            ?? throw new InvalidOperationException($"{component} in job {jobId} saved no model at party {party}");
        var id = output.Reference["model_id"]!.GetValue<string>();
        var version = output.Reference["version"]!.GetValue<int>();
        return (await store.GetModelAsync(id, version, ct).ConfigureAwait(false))?.Bytes
            ?? throw new InvalidOperationException($"model {id} version {version} of {component} is not in this party's store");
    }

    /// <summary>An upstream component's data output from an earlier attempt of the same job.</summary>
    public PartyTable LoadData(string jobId, string component, CancellationToken ct)
    {
        var name = DataTable(jobId, component);
        var tables = TableStore.Open(partyHome);
        return tables.Exists(name)
            ? tables.Load(name, ct)
            : throw new InvalidOperationException($"the data output of {component} in job {jobId} is not stored at this party, so it cannot be reused; rerun the job from {component}");
    }
}
