using Concord.Flow.Store;
using Concord.ML.Checkpoints;

namespace Concord.Flow.Jobs;

/// <summary>A component's checkpoints in the party's flow store.</summary>
internal sealed class StoreCheckpoints(IFlowStore store, TaskKey task, int every, long? resumeFrom) : ICheckpoints
{
    public int Every => every;

    public long? ResumeFrom => resumeFrom;

    public Task SaveAsync(long iteration, byte[] state, CancellationToken ct) => store.SaveCheckpointAsync(task, iteration, state, ct: ct);

    public async Task<byte[]?> LoadResumeStateAsync(CancellationToken ct)
    {
        if (resumeFrom is not long iteration)
        {
            return null;
        }
        var checkpoint = await store.LatestCheckpointAsync(task, atMost: iteration, ct).ConfigureAwait(false);
        return checkpoint is not null && checkpoint.Iteration == iteration
            ? checkpoint.State
            : throw new InvalidOperationException($"{task} has no checkpoint at iteration {iteration} to resume from");
    }
}
