using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>Checkpoint and resume with nodes as separate processes: a host's node is killed mid-component.</summary>
[Collection(NodeProcesses.Name)]
public class ResumeTests
{
    private const string Job = """
        job: { name: resumable-statistics, timeout: 300, seed: 7, checkpoint_every: 1 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: demo, name: default_credit } }
          - name: statistics_0
            type: statistics
            inputs: { data: reader_0.data }
        """;

    [Fact]
    public async Task A_killed_host_restarts_and_the_resumed_job_equals_an_uninterrupted_run()
    {
        var folder = Directory.CreateTempSubdirectory("concord-resume-").FullName;
        var ct = CancellationToken.None;
        await using (var federation = LocalFederation.Create(folder, HorizontalCredit.Guest, HorizontalCredit.Hosts))
        {
            foreach (var party in HorizontalCredit.Parties)
            {
                federation.Upload(party, HorizontalCredit.DataFile(party), HorizontalCredit.Table);
            }
            await federation.StartAllAsync(null, ct);
            using var api = federation.Operator(HorizontalCredit.Guest);

            var uninterrupted = await api.WaitAsync(await api.SubmitAsync(Job, "resume.yaml", ct), null, ct);
            Assert.True(uninterrupted.Job.State == TaskState.Success, uninterrupted.Job.Error);

            // The kill must land mid-component. On a loaded machine the host can finish its last round before the
            // kill does; such a run proves nothing either way, so it is retried, a bounded number of times.
            string? jobId = null;
            long reached = 0;
            for (var attempt = 0; attempt < 3 && jobId is null; attempt++)
            {
                var candidate = await api.SubmitAsync(Job, "resume.yaml", ct);
                reached = await WaitForCheckpointAsync(federation.HomeOf(10001), candidate, atLeast: 8);
                // On an idle machine the host can checkpoint this far before the guest's first poll of it: the guest
                // can only mark interrupted a task it has seen running.
                await WaitForGuestToSeeHostTaskAsync(api, candidate);
                await federation.KillAsync(10001);
                var broken = await api.WaitAsync(candidate, null, ct);
                if (broken.Job.State == TaskState.Failed)
                {
                    Assert.Contains("10001", broken.Job.Error, StringComparison.Ordinal);
                    // The killed host's task no longer reads running at the guest: nothing runs it.
                    var cutOff = await WaitForHostTaskToEndAsync(api, candidate);
                    Assert.Equal(TaskState.Interrupted, cutOff.State);
                    jobId = candidate;
                }
                else
                {
                    Assert.Equal(TaskState.Success, broken.Job.State);
                    await federation.RestartAsync(10001, ct);
                }
            }
            Assert.True(jobId is not null, "in three tries the host's node was never killed before it finished");

            await federation.RestartAsync(10001, ct);
            Assert.Equal(2, await api.ResumeAsync(jobId, null, ct));
            var resumed = await api.WaitAsync(jobId, null, ct);

            Assert.True(resumed.Job.State == TaskState.Success, resumed.Job.Error);
            var logs = await api.LogsAsync(jobId, "statistics_0", HorizontalCredit.Guest, 0, ct);
            var resumeLine = Assert.Single(logs, l => l.Message.Contains("resuming from bisection round", StringComparison.Ordinal));
            var round = long.Parse(resumeLine.Message.Split("round ")[1], System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(round, Math.Min(reached, 63) - 3, 63);
            Assert.Equal(await StatisticsOf(api, uninterrupted.Job.JobId), await StatisticsOf(api, jobId));
            await federation.StopAllAsync(null);
        }
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Reads the host's own store, as an operator on its machine could, until it has checkpointed far enough.</summary>
    private static async Task<long> WaitForCheckpointAsync(string home, string jobId, long atLeast)
    {
        using var store = await FlowStore.OpenAsync(home, null);
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            if (await store.GetJobAsync(jobId) is not null
                && await store.LatestCheckpointAsync(new TaskKey(jobId, "statistics_0", 10001)) is Checkpoint checkpoint
                && checkpoint.Iteration >= atLeast)
            {
                return checkpoint.Iteration;
            }
            Assert.True(DateTime.UtcNow < deadline, "the host never checkpointed far enough");
            await Task.Delay(10);
        }
    }

    private static async Task WaitForGuestToSeeHostTaskAsync(OperatorClient api, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!(await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Any(t => t.Key.Party == 10001 && t.Key.Component == "statistics_0"))
        {
            Assert.True(DateTime.UtcNow < deadline, "the guest never saw the host's task");
            await Task.Delay(10);
        }
    }

    private static async Task<TaskRecord> WaitForHostTaskToEndAsync(OperatorClient api, string jobId)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            var task = (await api.GetJobAsync(jobId, CancellationToken.None)).Tasks.Single(t => t.Key.Party == 10001 && t.Key.Component == "statistics_0");
            if (task.State != TaskState.Running)
            {
                return task;
            }
            Assert.True(DateTime.UtcNow < deadline, "the killed host's task still reads running at the guest");
            await Task.Delay(100);
        }
    }

    private static async Task<string> StatisticsOf(OperatorClient api, string jobId) =>
        (await api.MetricsAsync(jobId, CancellationToken.None)).Single(m => m.Task.Component == "statistics_0").Value.ToJsonString();
}
