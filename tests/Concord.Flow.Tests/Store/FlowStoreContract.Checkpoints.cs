using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    private static byte[] State(long iteration, string note = "") => System.Text.Encoding.UTF8.GetBytes($"weights after iteration {iteration}{note}");

    [StoreFact]
    public async Task The_latest_checkpoint_wins_older_ones_beyond_those_kept_are_dropped_and_each_task_has_its_own()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        var guest = new TaskKey("job-1", "hetero_lr_0", 9999);
        var host = guest with { Party = 10000 };
        Assert.Null(await store.LatestCheckpointAsync(guest));

        var before = DateTimeOffset.UtcNow;
        foreach (var iteration in new long[] { 5, 10, 15, 20 })
        {
            await store.SaveCheckpointAsync(guest, iteration, State(iteration), keep: 3);
        }
        await store.SaveCheckpointAsync(host, 15, State(15, " at the host"));

        var latest = await store.LatestCheckpointAsync(guest);
        Assert.NotNull(latest);
        Assert.Equal((guest, 20L), (latest.Task, latest.Iteration));
        Assert.Equal(State(20), latest.State);
        AssertStamped(before, latest.SavedAt, DateTimeOffset.UtcNow);
        // The host reached only 15, so every party resumes from 15.
        Assert.Equal(State(15), (await store.LatestCheckpointAsync(guest, atMost: 15))!.State);
        Assert.Equal(10, (await store.LatestCheckpointAsync(guest, atMost: 14))!.Iteration);
        Assert.Null(await store.LatestCheckpointAsync(guest, atMost: 9));
        Assert.Equal(State(15, " at the host"), (await store.LatestCheckpointAsync(host))!.State);

        await store.SaveCheckpointAsync(guest, 20, State(20, " replayed"));
        Assert.Equal(State(20, " replayed"), (await store.LatestCheckpointAsync(guest))!.State);
        Assert.Equal(10, (await store.LatestCheckpointAsync(guest, atMost: 14))!.Iteration);
    }

    [StoreFact]
    public async Task Deleting_checkpoints_clears_a_job_or_one_component_of_it()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        await NewJobAsync(store, "job-2");
        var lr = new TaskKey("job-1", "hetero_lr_0", 9999);
        var sbt = new TaskKey("job-1", "secureboost_0", 9999);
        var otherJob = lr with { JobId = "job-2" };
        foreach (var (task, iteration) in new[] { (lr, 1L), (lr, 2L), (sbt, 1L), (otherJob, 1L) })
        {
            await store.SaveCheckpointAsync(task, iteration, State(iteration));
        }

        Assert.Equal(2, await store.DeleteCheckpointsAsync("job-1", "hetero_lr_0"));
        Assert.Null(await store.LatestCheckpointAsync(lr));
        Assert.NotNull(await store.LatestCheckpointAsync(sbt));
        Assert.Equal(1, await store.DeleteCheckpointsAsync("job-1"));
        Assert.Null(await store.LatestCheckpointAsync(sbt));
        Assert.Equal(0, await store.DeleteCheckpointsAsync("job-1"));
        Assert.Equal(State(1), (await store.LatestCheckpointAsync(otherJob))!.State);
        await AssertFails(FlowStoreError.NotFound, store, () => store.SaveCheckpointAsync(lr with { JobId = "job-x" }, 1, State(1)), "job job-x");
    }
}
