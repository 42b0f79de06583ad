using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Board.Views.Components;

/// <summary>
/// What this party's store holds of one component of a job: its role, its metrics and its share of the model.
/// Nothing of another party: the store of a node holds only its own tasks, and the records are filtered by party too.
/// </summary>
/// <param name="Type">The component's type (evaluation, hetero_lr), as the metrics and the model are recorded under it; null when neither exists.</param>
/// <param name="Metrics">The component's metrics object, null when it reported none here.</param>
/// <param name="Steps">Metrics recorded one step at a time, by name (none of today's components do, but the store allows it).</param>
public sealed record ComponentData(
    string JobId,
    string Component,
    int Party,
    string? Role,
    string? Type,
    JsonObject? Metrics,
    IReadOnlyDictionary<string, IReadOnlyList<MetricRecord>> Steps,
    StoredModel? Model)
{
    public static async Task<ComponentData> LoadAsync(IFlowStore store, int party, string jobId, string component, CancellationToken ct = default)
    {
        var metrics = (await store.MetricsAsync(jobId, component, ct).ConfigureAwait(false)).Where(m => m.Task.Party == party).ToList();
        var task = (await store.TasksAsync(jobId, ct).ConfigureAwait(false)).FirstOrDefault(t => t.Key.Component == component && t.Key.Party == party);
        var model = await ModelAsync(store, party, jobId, component, ct).ConfigureAwait(false);
        var whole = metrics.FirstOrDefault(m => m.Step is null && m.Value is JsonObject);
        var steps = metrics.Where(m => m.Step is not null).GroupBy(m => m.Name)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<MetricRecord>)[.. g.OrderBy(m => m.Step)]);
        return new ComponentData(jobId, component, party, task?.Role, model?.Info.ComponentType ?? whole?.Name, whole?.Value as JsonObject, steps, model);
    }

    /// <summary>The model the component saved at this party, found through its model output (model id and version).</summary>
    private static async Task<StoredModel?> ModelAsync(IFlowStore store, int party, string jobId, string component, CancellationToken ct)
    {
        var output = (await store.OutputsAsync(jobId, ct).ConfigureAwait(false))
            .FirstOrDefault(o => o.Slot == OutputSlot.Model && o.Task.Component == component && o.Task.Party == party);
        if (MetricJson.String(MetricJson.Field(output?.Reference, "model_id")) is not string modelId)
        {
            return null;
        }
        var version = MetricJson.Number(MetricJson.Field(output!.Reference, "version")) is double v ? (int)v : (int?)null;
        return await store.GetModelAsync(modelId, version, ct).ConfigureAwait(false);
    }
}
