using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    /// <summary>The job state machine, written out independently of the code under test.</summary>
    private static readonly (TaskState From, TaskState To)[] Allowed =
    [
        (TaskState.Waiting, TaskState.Running), (TaskState.Waiting, TaskState.Failed), (TaskState.Waiting, TaskState.Canceled),
        (TaskState.Running, TaskState.Success), (TaskState.Running, TaskState.Failed), (TaskState.Running, TaskState.Canceled),
        (TaskState.Success, TaskState.Waiting), (TaskState.Failed, TaskState.Waiting), (TaskState.Canceled, TaskState.Waiting),
    ];

    [StoreFact]
    public async Task A_created_job_reads_back_waiting_with_its_spec_and_creation_time()
    {
        var store = await NewStoreAsync();
        var before = DateTimeOffset.UtcNow;
        var created = await NewJobAsync(store, "job-1");
        var after = DateTimeOffset.UtcNow;

        var job = await store.GetJobAsync("job-1");
        Assert.NotNull(job);
        AssertSpec(Spec("job-1"), job.Spec);
        Assert.Equal((TaskState.Waiting, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (job.State, job.Error, job.StartedAt, job.EndedAt));
        AssertStamped(before, job.CreatedAt, after);
        Assert.Equal(created.CreatedAt, job.CreatedAt);
        Assert.Null(await store.GetJobAsync("job-2"));
    }

    [StoreFact]
    public async Task A_job_id_is_created_once()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        await AssertFails(FlowStoreError.AlreadyExists, store, () => store.CreateJobAsync(Spec("job-1") with { Name = "another" }), "job-1");
        Assert.Equal("name of job-1", (await store.GetJobAsync("job-1"))!.Spec.Name);
        await Assert.ThrowsAsync<ArgumentException>(() => store.CreateJobAsync(Spec(" ")));
    }

    [StoreFact]
    public async Task A_job_runs_fails_is_rerun_and_succeeds_with_its_times_and_error_kept_right()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");

        var before = DateTimeOffset.UtcNow;
        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running));
        var running = (await store.GetJobAsync("job-1"))!;
        AssertStamped(before, running.StartedAt, DateTimeOffset.UtcNow);
        Assert.Null(running.EndedAt);

        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Running, TaskState.Failed, "party 10001 (host) failed: column x3 is constant"));
        var failed = (await store.GetJobAsync("job-1"))!;
        Assert.Equal((TaskState.Failed, "party 10001 (host) failed: column x3 is constant"), (failed.State, failed.Error));
        Assert.Equal(running.StartedAt, failed.StartedAt);
        AssertStamped(running.StartedAt!.Value, failed.EndedAt, DateTimeOffset.UtcNow);

        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Failed, TaskState.Waiting));
        var again = (await store.GetJobAsync("job-1"))!;
        Assert.Equal((TaskState.Waiting, (string?)null, (DateTimeOffset?)null, (DateTimeOffset?)null), (again.State, again.Error, again.StartedAt, again.EndedAt));

        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running));
        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Running, TaskState.Success));
        var done = (await store.GetJobAsync("job-1"))!;
        Assert.Equal((TaskState.Success, (string?)null), (done.State, done.Error));
        Assert.True(done.StartedAt <= done.EndedAt);
        Assert.Equal(failed.CreatedAt, done.CreatedAt);
    }

    [StoreFact]
    public async Task Every_allowed_transition_is_made_and_every_other_is_refused_without_a_change()
    {
        var store = await NewStoreAsync();
        var states = Enum.GetValues<TaskState>();
        // Interrupted is a task's state, never a job's: no job reaches it, so it is only a target here.
        foreach (var from in states.Where(s => s != TaskState.Interrupted))
        {
            foreach (var to in states)
            {
                var jobId = $"job-{from}-{to}";
                await NewJobAsync(store, jobId);
                await BringToAsync(store, jobId, from);
                var error = to == TaskState.Failed ? "it broke" : null;
                if (Allowed.Contains((from, to)))
                {
                    Assert.True(await store.TryTransitionJobAsync(jobId, from, to, error));
                    Assert.Equal(to, (await store.GetJobAsync(jobId))!.State);
                }
                else
                {
                    var ex = await Assert.ThrowsAsync<FlowStoreException>(() => store.TryTransitionJobAsync(jobId, from, to, error));
                    Assert.Equal(FlowStoreError.IllegalTransition, ex.Error);
                    Assert.Contains($"job {jobId} may not go from {from.ToString().ToLowerInvariant()} to {to.ToString().ToLowerInvariant()}", ex.Message, StringComparison.Ordinal);
                    Assert.Equal(from, (await store.GetJobAsync(jobId))!.State);
                }
            }
        }
    }

    /// <summary>Moves a new job to a state along allowed transitions.</summary>
    private static async Task BringToAsync(IFlowStore store, string jobId, TaskState state)
    {
        TaskState[] path = state switch
        {
            TaskState.Waiting => [],
            TaskState.Running => [TaskState.Running],
            _ => [TaskState.Running, state],
        };
        var from = TaskState.Waiting;
        foreach (var to in path)
        {
            Assert.True(await store.TryTransitionJobAsync(jobId, from, to, to == TaskState.Failed ? "set up to fail" : null));
            from = to;
        }
    }

    [StoreFact]
    public async Task A_transition_from_a_state_the_job_has_left_changes_nothing()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Canceled, "stopped by the operator"));

        Assert.False(await store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running));
        Assert.False(await store.TryTransitionJobAsync("job-1", TaskState.Running, TaskState.Success));
        var job = (await store.GetJobAsync("job-1"))!;
        Assert.Equal((TaskState.Canceled, "stopped by the operator"), (job.State, job.Error));
        Assert.Null(job.StartedAt);
        Assert.NotNull(job.EndedAt);
    }

    [StoreFact]
    public async Task Of_many_racing_to_start_a_job_exactly_one_wins()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        var other = await ReopenAsync(store);
        var wins = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? store : other).TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running))));
        Assert.Equal(1, wins.Count(w => w));
    }

    [StoreFact]
    public async Task A_transition_of_an_unknown_job_or_with_a_wrong_error_is_refused()
    {
        var store = await NewStoreAsync();
        await AssertFails(FlowStoreError.NotFound, store, () => store.TryTransitionJobAsync("job-x", TaskState.Waiting, TaskState.Running), "job job-x");
        await NewJobAsync(store, "job-1");
        Assert.Contains("job-1 cannot fail without an error message",
            (await Assert.ThrowsAsync<ArgumentException>(() => store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Failed))).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ArgumentException>(() => store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running, "not an error"));
        Assert.Equal(TaskState.Waiting, (await store.GetJobAsync("job-1"))!.State);
    }

    [StoreFact]
    public async Task Jobs_list_newest_first_limited_and_by_state()
    {
        var store = await NewStoreAsync();
        foreach (var i in Enumerable.Range(1, 5))
        {
            await NewJobAsync(store, $"job-{i}");
        }
        Assert.True(await store.TryTransitionJobAsync("job-2", TaskState.Waiting, TaskState.Running));
        Assert.True(await store.TryTransitionJobAsync("job-4", TaskState.Waiting, TaskState.Running));

        Assert.Equal(["job-5", "job-4", "job-3", "job-2", "job-1"], (await store.ListJobsAsync()).Select(j => j.JobId));
        Assert.Equal(["job-5", "job-4"], (await store.ListJobsAsync(limit: 2)).Select(j => j.JobId));
        Assert.Equal(["job-4", "job-2"], (await store.ListJobsAsync(state: TaskState.Running)).Select(j => j.JobId));
        Assert.Empty(await store.ListJobsAsync(state: TaskState.Success));
        AssertSpec(Spec("job-3"), (await store.ListJobsAsync()).Single(j => j.JobId == "job-3").Spec);
    }

    [StoreFact]
    public async Task What_one_handle_writes_another_reads_and_reopening_keeps_it()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        Assert.True(await store.TryTransitionJobAsync("job-1", TaskState.Waiting, TaskState.Running));
        store.Dispose();

        var reopened = await ReopenAsync(store);
        var job = (await reopened.GetJobAsync("job-1"))!;
        Assert.Equal(TaskState.Running, job.State);
        AssertSpec(Spec("job-1"), job.Spec);
    }
}
