using Concord.Flow.Components;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>A party's model registry as components see it: read-only, over its flow store.</summary>
internal sealed class StoreModelRegistry(IFlowStore store) : IModelRegistry
{
    public async Task<byte[]?> LoadAsync(string modelId, int? version, CancellationToken ct) =>
        (await store.GetModelAsync(modelId, version, ct).ConfigureAwait(false))?.Bytes;
}
