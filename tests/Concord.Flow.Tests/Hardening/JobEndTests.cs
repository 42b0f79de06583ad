using Concord.Federation;
using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Hardening;

/// <summary>How a job's tasks end everywhere: stopped while winding down, or cut off with their party.</summary>
public class JobEndTests
{
    private const int Guest = 9999;
    private static readonly int[] Hosts = [10000, 10001];

    private const string SlowJob = """
        job: { name: slow, timeout: 120, seed: 1 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: first
            type: scale
            parameters: { value: 2.0, delay_ms: 30000 }
        """;

    [Fact]
    public async Task Stop_ends_the_tasks_of_a_job_that_already_failed_but_still_runs_somewhere_and_then_has_nothing_to_stop()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts);
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(SlowJob, "slow.yaml", CancellationToken.None);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Count(t => t.State == TaskState.Running) == 3);
        // The job ends at the initiator while the hosts' tasks run on: what a failure whose cancels got lost leaves.
        using (var store = await FlowStore.OpenAsync(nodes.Config.Party(Guest).Home!, null))
        {
            Assert.True(await store.TryTransitionJobAsync(jobId, TaskState.Running, TaskState.Failed, "lost track"));
        }

        await api.StopAsync(jobId, CancellationToken.None);

        foreach (var host in Hosts)
        {
            using var own = nodes.Operator(host);
            await Waiting.UntilAsync(async () => (await own.GetJobAsync(jobId, CancellationToken.None)).Tasks.All(t => t.State == TaskState.Canceled));
        }
        Assert.Equal(TaskState.Failed, (await api.GetJobAsync(jobId, CancellationToken.None)).Job.State);
        var again = await Assert.ThrowsAsync<FederationException>(() => api.StopAsync(jobId, CancellationToken.None));
        Assert.Contains($"job {jobId} has already ended (failed) and no party runs any of its tasks; nothing to stop", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_stop_the_guest_sees_each_partys_tasks_as_that_party_does_even_one_that_ends_after_the_wind_down()
    {
        // Host 10001 is deep in work that ignores its cancellation, so its task ends canceled only after the
        // cancel's wind-down, when the guest has already read it back as running.
        const string stubborn = """
            job: { name: stubborn, timeout: 120, seed: 1 }
            parties: { guest: 9999, hosts: [10000, 10001] }
            components:
              - name: first
                type: scale
                parameters: { value: 2.0, delay_ms: 30000 }
                parties:
                  10001: { delay_ms: 0, hold_ms: 8000 }
            """;
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts);
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(stubborn, "stubborn.yaml", CancellationToken.None);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Count(t => t.State == TaskState.Running) == 3);

        await api.StopAsync(jobId, CancellationToken.None);

        foreach (var party in new[] { Guest }.Concat(Hosts))
        {
            using var own = nodes.Operator(party);
            await Waiting.UntilAsync(async () =>
            {
                var theirs = (await own.GetJobAsync(jobId, CancellationToken.None)).Tasks.Where(t => t.Key.Party == party).Select(t => (t.Key, t.State)).ToList();
                var guests = (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Where(t => t.Key.Party == party).Select(t => (t.Key, t.State)).ToList();
                return theirs.Count == 1 && theirs[0].State != TaskState.Running && theirs.SequenceEqual(guests);
            });
        }
        var final = await api.GetJobAsync(jobId, CancellationToken.None);
        Assert.Equal(TaskState.Canceled, final.Job.State);
        Assert.All(final.Tasks, t => Assert.Equal(TaskState.Canceled, t.State));
    }

    [Fact]
    public async Task The_tasks_of_a_party_whose_node_stops_read_interrupted_at_the_initiator()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts);
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(SlowJob, "slow.yaml", CancellationToken.None);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Count(t => t.State == TaskState.Running) == 3);

        await nodes.StopNodeAsync(10001);
        var view = await api.WaitAsync(jobId, null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        var cutOff = Assert.Single(view.Tasks, t => t.Key.Party == 10001);
        Assert.Equal(TaskState.Interrupted, cutOff.State);
        Assert.Contains("party 10001", cutOff.Error, StringComparison.Ordinal);
        await Waiting.UntilAsync(async () => (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.All(t => t.State != TaskState.Running));
    }

    [Fact]
    public async Task A_node_that_restarts_marks_the_tasks_it_was_running_interrupted_and_their_job_failed()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest, Hosts);
        await nodes.StopNodeAsync(10001);
        var task = new TaskKey("job-cut-off", "first", 10001);
        using (var store = await FlowStore.OpenAsync(nodes.Config.Party(10001).Home!, null))
        {
            // What a node killed mid-task leaves in its store.
            await store.CreateJobAsync(new JobSpec(task.JobId, "cut-off", Guest, new RosterSpec(Guest, Hosts), SlowJob, 1));
            await store.TryTransitionJobAsync(task.JobId, TaskState.Waiting, TaskState.Running);
            await store.UpsertTaskAsync(new TaskRecord(task, "host", TaskState.Running, StartedAt: DateTimeOffset.UtcNow));
        }

        await nodes.StartNodeAsync(10001);

        using var own = nodes.Operator(10001);
        var view = await own.GetJobAsync(task.JobId, CancellationToken.None);
        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Equal("party 10001's node stopped while the job ran", view.Job.Error);
        Assert.Equal(TaskState.Interrupted, Assert.Single(view.Tasks).State);
    }
}
