using Concord.Flow.Control;
using Concord.Flow.Store;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    private static readonly DateTimeOffset Noon = new(2025, 6, 13, 12, 0, 0, 123, TimeSpan.Zero);

    [StoreFact]
    public async Task A_task_is_written_replaced_and_listed_by_component_and_party()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        await NewJobAsync(store, "job-2");
        var hostLr = new TaskRecord(new TaskKey("job-1", "hetero_lr_0", 10000), "host", TaskState.Running, Progress: 0.25, Status: "iteration 5 of 20", StartedAt: Noon);
        var guestLr = new TaskRecord(new TaskKey("job-1", "hetero_lr_0", 9999), "guest", TaskState.Waiting);
        var guestReader = new TaskRecord(new TaskKey("job-1", "reader_0", 9999), "guest", TaskState.Success, Progress: 1, StartedAt: Noon, EndedAt: Noon.AddSeconds(2));
        var otherJob = new TaskRecord(new TaskKey("job-2", "reader_0", 9999), "guest", TaskState.Running);
        foreach (var task in new[] { hostLr, guestReader, guestLr, otherJob })
        {
            await store.UpsertTaskAsync(task);
        }
        Assert.Equal([guestLr, hostLr, guestReader], await store.TasksAsync("job-1"));

        var failed = hostLr with { State = TaskState.Failed, Error = "host ran out of memory", Progress = 0.5, Status = null, Attempt = 2, EndedAt = Noon.AddMinutes(1) };
        await store.UpsertTaskAsync(failed);
        Assert.Equal([guestLr, failed, guestReader], await store.TasksAsync("job-1"));
        Assert.Equal([otherJob], await store.TasksAsync("job-2"));
        Assert.Empty(await store.TasksAsync("job-3"));
    }

    [StoreFact]
    public async Task A_task_of_an_unknown_job_or_with_bad_fields_is_refused()
    {
        var store = await NewStoreAsync();
        await AssertFails(FlowStoreError.NotFound, store,
            () => store.UpsertTaskAsync(new TaskRecord(new TaskKey("job-x", "reader_0", 9999), "guest", TaskState.Running)), "job job-x component reader_0 party 9999");
        await NewJobAsync(store, "job-1");
        var key = new TaskKey("job-1", "reader_0", 9999);
        Assert.Contains("progress of job job-1 component reader_0 party 9999",
            (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpsertTaskAsync(new TaskRecord(key, "guest", TaskState.Running, Progress: 1.5)))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpsertTaskAsync(new TaskRecord(key, "guest", TaskState.Running, Progress: double.NaN)));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.UpsertTaskAsync(new TaskRecord(key, "guest", TaskState.Running, Attempt: 0)));
        await Assert.ThrowsAsync<ArgumentException>(() => store.UpsertTaskAsync(new TaskRecord(key with { Component = "" }, "guest", TaskState.Running)));
        Assert.Empty(await store.TasksAsync("job-1"));
    }

    [StoreFact]
    public async Task Log_lines_are_numbered_per_job_and_read_by_component_party_and_after_a_number()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        await NewJobAsync(store, "job-2");
        var reader = new TaskKey("job-1", "reader_0", 9999);
        var lrGuest = new TaskKey("job-1", "hetero_lr_0", 9999);
        var lrHost = new TaskKey("job-1", "hetero_lr_0", 10000);
        var before = DateTimeOffset.UtcNow;
        Assert.Equal(1, await store.AppendLogAsync(reader, LogLevel.Information, "read 569 rows"));
        Assert.Equal(2, await store.AppendLogAsync(lrGuest, LogLevel.Information, "iteration 1: loss 0.69"));
        Assert.Equal(1, await store.AppendLogAsync(new TaskKey("job-2", "reader_0", 9999), LogLevel.Debug, "another job counts on its own"));
        Assert.Equal(3, await store.AppendLogAsync(lrHost, LogLevel.Warning, "gradient norm is large"));
        Assert.Equal(4, await store.AppendLogAsync(lrGuest, LogLevel.Error, "arbiter went away\nwith a second line"));
        var after = DateTimeOffset.UtcNow;

        var all = await store.LogsAsync("job-1");
        Assert.Equal([1L, 2, 3, 4], all.Select(l => l.Sequence));
        Assert.Equal((reader, LogLevel.Information, "read 569 rows"), (all[0].Task, all[0].Level, all[0].Message));
        Assert.Equal((lrGuest, LogLevel.Error, "arbiter went away\nwith a second line"), (all[3].Task, all[3].Level, all[3].Message));
        Assert.All(all, l => AssertStamped(before, l.Time, after));

        Assert.Equal([2L, 3, 4], (await store.LogsAsync("job-1", component: "hetero_lr_0")).Select(l => l.Sequence));
        Assert.Equal([1L, 2, 4], (await store.LogsAsync("job-1", party: 9999)).Select(l => l.Sequence));
        Assert.Equal([2L, 4], (await store.LogsAsync("job-1", component: "hetero_lr_0", party: 9999)).Select(l => l.Sequence));
        Assert.Equal([3L, 4], (await store.LogsAsync("job-1", afterSequence: 2)).Select(l => l.Sequence));
        Assert.Equal([2L, 3], (await store.LogsAsync("job-1", afterSequence: 1, limit: 2)).Select(l => l.Sequence));
        Assert.Empty(await store.LogsAsync("job-1", afterSequence: 4));
        Assert.Equal(["another job counts on its own"], (await store.LogsAsync("job-2")).Select(l => l.Message));
    }

    [StoreFact]
    public async Task A_log_line_of_an_unknown_job_is_refused()
    {
        var store = await NewStoreAsync();
        await AssertFails(FlowStoreError.NotFound, store,
            () => store.AppendLogAsync(new TaskKey("job-x", "reader_0", 9999), LogLevel.Information, "lost"), "job job-x");
        Assert.Empty(await store.LogsAsync("job-x"));
    }
}
