using Concord.Federation;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>
/// The initiating guest's side of every job: it hands the job to every party, watches their tasks, keeps the
/// job's state consistent everywhere (one party's failure fails the job at all of them, with that party's own
/// message), and stops, resumes or reruns a job on request.
/// </summary>
public sealed class JobScheduler(PartyJobs local, Func<int, ControlClient> controlOf)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>The longest pause between two reads of a stopped job's tasks that still run somewhere.</summary>
    private static readonly TimeSpan ConvergeIntervalCap = TimeSpan.FromSeconds(5);
    private readonly Governance.JobGate _gate = new(local, controlOf, AskTimeout);

    /// <summary>How long the initiator waits for another node's answer about a job before calling it unreachable.</summary>
    private static readonly TimeSpan AskTimeout = TimeSpan.FromSeconds(30);

    /// <summary>How long a cancel may take at one party; one that cannot be told stops on its own receive timeout.</summary>
    private static readonly TimeSpan CancelTimeout = TimeSpan.FromSeconds(5);
    private IFlowStore Store => local.Party.Store;
    private int Self => local.Party.PartyId;

    /// <summary>Validates and starts a job; throws <see cref="JobFileException"/> with line numbers for a bad file.</summary>
    public async Task<string> SubmitAsync(string jobFile, string sourceName, CancellationToken ct)
    {
        var job = local.Party.Admission.Admit(jobFile, sourceName);
        if (job.Roster.Guest != Self)
        {
            throw new ArgumentException($"this node is party {Self}, but the job's guest is party {job.Roster.Guest}; submit the job to the guest's node");
        }
        var jobId = $"job-{DateTime.UtcNow:yyyyMMddHHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
        await Store.CreateJobAsync(new JobSpec(jobId, job.Settings.Name, Self, job.Roster, jobFile, job.Settings.Seed), ct).ConfigureAwait(false);
        await local.Party.Audit.AppendAsync(JobAuditEvents.Submitted(jobId, job.Settings.Name, jobFile), ct).ConfigureAwait(false);
        await LaunchAsync(new JobStart(jobId, jobFile, 1, [], new Dictionary<string, long>(), job.Settings.Name), job).ConfigureAwait(false);
        return jobId;
    }

    /// <summary>
    /// Stops a job at every party: a waiting or running one ends canceled everywhere; one that has already ended
    /// but still has tasks winding down somewhere keeps its state and has those tasks stopped. Only a job with
    /// nothing left to stop is refused.
    /// </summary>
    public async Task StopAsync(string jobId, CancellationToken ct)
    {
        var record = await RequireJobAsync(jobId, ct).ConfigureAwait(false);
        var job = JobFile.Parse(record.Spec.JobFile, $"job {jobId}", local.Party.Catalog.Specs);
        if (record.State is TaskState.Running or TaskState.Waiting or TaskState.PendingApproval)
        {
            await Store.TryTransitionJobAsync(jobId, record.State, TaskState.Canceled, "stopped by the operator", ct).ConfigureAwait(false);
        }
        else if (!local.IsRunning(jobId) && !await AnyTaskRunningAsync(jobId, job).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"job {jobId} has already ended ({record.State.ToString().ToLowerInvariant()}) and no party runs any of its tasks; nothing to stop");
        }
        await EndEverywhereAsync(jobId, job).ConfigureAwait(false);
    }

    /// <summary>Whether any party may still be running a task of the job; a party that cannot be asked may be.</summary>
    private async Task<bool> AnyTaskRunningAsync(string jobId, JobDefinition job)
    {
        var unreachable = await GatherTasksAsync(jobId, job).ConfigureAwait(false);
        return unreachable.Count > 0 || (await Store.TasksAsync(jobId).ConfigureAwait(false)).Any(t => t.State == TaskState.Running);
    }

    /// <summary>
    /// Runs a failed or canceled job again: components that succeeded at every party keep their stored outputs,
    /// and the rest run in a new attempt. With <paramref name="fromComponent"/>, that component and everything
    /// downstream of it run again even if they had succeeded.
    /// </summary>
    public async Task<int> ResumeAsync(string jobId, string? fromComponent, CancellationToken ct)
    {
        var record = await RequireJobAsync(jobId, ct).ConfigureAwait(false);
        if (record.State is TaskState.Running or TaskState.Waiting or TaskState.PendingApproval)
        {
            throw new InvalidOperationException($"job {jobId} is still {record.State.ToString().ToLowerInvariant()}; stop it first");
        }
        var job = JobFile.Parse(record.Spec.JobFile, $"job {jobId}", local.Party.Catalog.Specs);
        var tasks = await Store.TasksAsync(jobId, ct).ConfigureAwait(false);
        var redo = fromComponent is null ? [] : job.From(fromComponent).Select(c => c.Name).ToHashSet();
        var skip = job.Components
            .Where(c => !redo.Contains(c.Name) && c.Parties.All(p => tasks.Any(t => t.Key.Component == c.Name && t.Key.Party == p && t.State == TaskState.Success)))
            .Select(c => c.Name)
            .ToList();
        var attempt = tasks.Count == 0 ? 2 : tasks.Max(t => t.Attempt) + 1;
        var resumeFrom = fromComponent is null ? await CommonCheckpointsAsync(jobId, job, skip, ct).ConfigureAwait(false) : [];
        await Store.TryTransitionJobAsync(jobId, record.State, TaskState.Waiting, ct: ct).ConfigureAwait(false);
        await LaunchAsync(new JobStart(jobId, record.Spec.JobFile, attempt, skip, resumeFrom, record.Spec.Name), job).ConfigureAwait(false);
        return attempt;
    }

    /// <summary>
    /// For each interrupted component, the newest iteration that every party taking part has checkpointed:
    /// the point all of them can resume from together. A component some party never checkpointed starts over.
    /// </summary>
    private async Task<Dictionary<string, long>> CommonCheckpointsAsync(string jobId, JobDefinition job, List<string> skip, CancellationToken ct)
    {
        var perParty = new Dictionary<int, Dictionary<string, long>>();
        foreach (var party in Parties(job))
        {
            perParty[party] = party == Self
                ? await local.CheckpointsAsync(jobId, ct).ConfigureAwait(false)
                : await controlOf(party).JobCheckpointsAsync(jobId, ct).ConfigureAwait(false);
        }
        var common = new Dictionary<string, long>();
        foreach (var component in job.Components.Where(c => !skip.Contains(c.Name)))
        {
            var iterations = component.Parties.Select(p => perParty[p].TryGetValue(component.Name, out var i) ? i : (long?)null).ToList();
            if (iterations.All(i => i is not null))
            {
                common[component.Name] = iterations.Min()!.Value;
            }
        }
        return common;
    }

    /// <summary>Starts the job once every party has admitted it; while some wait for approval, it waits in the background.</summary>
    private async Task LaunchAsync(JobStart start, JobDefinition job)
    {
        IReadOnlyList<int> pending;
        try
        {
            pending = await _gate.AskAsync(start, job, Parties(job), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FederationException or ArgumentException or InvalidOperationException or OperationCanceledException)
        {
            await FailAsync(start.JobId, job, $"a party refused the job before it started anywhere: {ex.Message}").ConfigureAwait(false);
            return;
        }
        if (pending.Count == 0)
        {
            await StartEverywhereAsync(start, job).ConfigureAwait(false);
            return;
        }
        await Store.TryTransitionJobAsync(start.JobId, TaskState.Waiting, TaskState.PendingApproval).ConfigureAwait(false);
        local.Party.Log($"[{start.JobId}] waiting for approval at part{(pending.Count == 1 ? "y" : "ies")} {string.Join(", ", pending)}");
        _ = Task.Run(async () =>
        {
            try
            {
                if (await _gate.WaitForApprovalAsync(start, job, pending, async () => (await Store.GetJobAsync(start.JobId).ConfigureAwait(false))?.State == TaskState.PendingApproval).ConfigureAwait(false)
                    && await Store.TryTransitionJobAsync(start.JobId, TaskState.PendingApproval, TaskState.Waiting).ConfigureAwait(false))
                {
                    await StartEverywhereAsync(start, job).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                await FailAsync(start.JobId, job, $"a party refused the job before it started anywhere: {ex.Message}").ConfigureAwait(false);
            }
        });
    }

    private async Task StartEverywhereAsync(JobStart start, JobDefinition job)
    {
        var current = await Store.GetJobAsync(start.JobId).ConfigureAwait(false);
        if (current?.State == TaskState.Waiting)
        {
            await Store.TryTransitionJobAsync(start.JobId, TaskState.Waiting, TaskState.Running).ConfigureAwait(false);
        }
        try
        {
            foreach (var party in Parties(job))
            {
                if (party == Self)
                {
                    await local.StartAsync(start, sender: null, CancellationToken.None).ConfigureAwait(false);
                }
                else
                {
                    await controlOf(party).StartJobAsync(start, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }
        catch (Exception ex) when (ex is FederationException or ArgumentException or InvalidOperationException)
        {
            await FailAsync(start.JobId, job, $"could not start the job at every party: {ex.Message}").ConfigureAwait(false);
            return;
        }
        _ = Task.Run(() => WatchAsync(start, job));
    }

    /// <summary>Nothing may escape the watcher unseen: a job left running forever would be worse than a failed one.</summary>
    private async Task WatchAsync(JobStart start, JobDefinition job)
    {
        try
        {
            await MonitorAsync(start, job).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            local.Party.Log($"[{start.JobId}] the scheduler lost track of the job: {ex.Message}");
            await FailAsync(start.JobId, job, $"the scheduler at party {Self} failed while watching the job: {TaskErrors.Describe(ex)}").ConfigureAwait(false);
        }
    }

    private async Task MonitorAsync(JobStart start, JobDefinition job)
    {
        var (jobId, attempt) = (start.JobId, start.Attempt);
        // Only this attempt's records count: a component rerun still shows its previous success until it restarts.
        var toRun = job.Components.Where(c => !start.Skip.Contains(c.Name)).ToList();
        var deadline = DateTime.UtcNow + job.Settings.Timeout;
        while (true)
        {
            await Task.Delay(PollInterval).ConfigureAwait(false);
            var record = await Store.GetJobAsync(jobId).ConfigureAwait(false);
            if (record is null || record.State is not TaskState.Running)
            {
                return;
            }
            var unreachable = await GatherTasksAsync(jobId, job).ConfigureAwait(false);
            if (unreachable.Count > 0)
            {
                await FailAsync(jobId, job, unreachable.Values.First()).ConfigureAwait(false);
                return;
            }
            var tasks = await Store.TasksAsync(jobId).ConfigureAwait(false);
            var current = tasks.Where(t => t.Attempt == attempt).ToList();
            if (current.FirstOrDefault(t => t.State is TaskState.Failed or TaskState.Interrupted) is TaskRecord failed)
            {
                await FailAsync(jobId, job, $"party {failed.Key.Party} ({failed.Role}) failed in {failed.Key.Component}: {failed.Error}").ConfigureAwait(false);
                return;
            }
            if (toRun.All(c => c.Parties.All(p => current.Any(t => t.Key.Component == c.Name && t.Key.Party == p && t.State == TaskState.Success))))
            {
                await Store.TryTransitionJobAsync(jobId, TaskState.Running, TaskState.Success).ConfigureAwait(false);
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                await FailAsync(jobId, job, $"the job did not finish within its timeout of {job.Settings.Timeout.TotalSeconds:0} s").ConfigureAwait(false);
                return;
            }
        }
    }

    /// <summary>
    /// Copies every other party's task records into this store, so the initiator can answer for the whole job, and
    /// returns the parties that could not be asked, each with why. Their tasks still recorded as running here are
    /// marked interrupted: nothing is running them that anyone can see.
    /// </summary>
    private async Task<Dictionary<int, string>> GatherTasksAsync(string jobId, JobDefinition job)
    {
        var known = (await Store.TasksAsync(jobId).ConfigureAwait(false)).ToDictionary(t => t.Key);
        var unreachable = new Dictionary<int, string>();
        foreach (var party in Parties(job).Where(p => p != Self))
        {
            IReadOnlyList<TaskRecord> tasks;
            try
            {
                using var quick = new CancellationTokenSource(AskTimeout);
                tasks = await controlOf(party).JobTasksAsync(jobId, quick.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is FederationException or OperationCanceledException)
            {
                var error = ex is FederationException ? ex.Message : $"party {party}'s node did not answer within {AskTimeout.TotalSeconds:0} s";
                unreachable[party] = error;
                foreach (var task in known.Values.Where(t => t.Key.Party == party && t.State == TaskState.Running))
                {
                    await Store.UpsertTaskAsync(task with { State = TaskState.Interrupted, Error = error, EndedAt = DateTimeOffset.UtcNow }).ConfigureAwait(false);
                }
                continue;
            }
            // Only what changed is written: a job of many components is polled often.
            foreach (var task in tasks.Where(t => !known.TryGetValue(t.Key, out var mine) || mine != t))
            {
                await Store.UpsertTaskAsync(task).ConfigureAwait(false);
            }
        }
        return unreachable;
    }

    private async Task FailAsync(string jobId, JobDefinition job, string error)
    {
        var record = await Store.GetJobAsync(jobId).ConfigureAwait(false);
        if (record is not null && record.State is TaskState.Running or TaskState.Waiting or TaskState.PendingApproval)
        {
            await Store.TryTransitionJobAsync(jobId, record.State, TaskState.Failed, error).ConfigureAwait(false);
        }
        await EndEverywhereAsync(jobId, job).ConfigureAwait(false);
    }

    /// <summary>
    /// Cancels the job at every party at once, then reads back their tasks, so the job's record here ends with
    /// each task's final state, or interrupted for a party that can no longer be reached.
    /// </summary>
    private async Task EndEverywhereAsync(string jobId, JobDefinition job)
    {
        await Task.WhenAll(Parties(job).Select(party => CancelAtAsync(party, jobId))).ConfigureAwait(false);
        await GatherTasksAsync(jobId, job).ConfigureAwait(false);
        if (await RemoteTaskRunningAsync(jobId).ConfigureAwait(false))
        {
            _ = Task.Run(() => ConvergeAsync(jobId, job));
        }
    }

    /// <summary>
    /// A task busy in work that does not look at its cancellation (a long encryption, say) ends only after the
    /// cancel's wind-down, and nothing else would read its end: the job is no longer watched. So the initiator
    /// keeps reading such parties' tasks until none it knows of still runs, or the job's timeout passes.
    /// </summary>
    private async Task ConvergeAsync(string jobId, JobDefinition job)
    {
        var deadline = DateTime.UtcNow + job.Settings.Timeout;
        var wait = PollInterval;
        try
        {
            while (DateTime.UtcNow < deadline && await RemoteTaskRunningAsync(jobId).ConfigureAwait(false))
            {
                await Task.Delay(wait).ConfigureAwait(false);
                await GatherTasksAsync(jobId, job).ConfigureAwait(false);
                wait = TimeSpan.FromTicks(Math.Min(wait.Ticks * 2, ConvergeIntervalCap.Ticks));
            }
        }
        catch (Exception ex)
        {
            local.Party.Log($"[{jobId}] stopped reading the other parties' final task states: {ex.Message}");
        }
    }

    private async Task<bool> RemoteTaskRunningAsync(string jobId) =>
        (await Store.TasksAsync(jobId).ConfigureAwait(false)).Any(t => t.Key.Party != Self && t.State == TaskState.Running);

    private async Task CancelAtAsync(int party, string jobId)
    {
        try
        {
            if (party == Self)
            {
                await local.CancelAsync(jobId, CancellationToken.None).ConfigureAwait(false);
            }
            else
            {
                using var quick = new CancellationTokenSource(CancelTimeout);
                await controlOf(party).CancelJobAsync(jobId, quick.Token).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FederationException or OperationCanceledException)
        {
            // A party that cannot be told to stop stops on its own receive timeout.
        }
    }

    private async Task<JobRecord> RequireJobAsync(string jobId, CancellationToken ct) =>
        await Store.GetJobAsync(jobId, ct).ConfigureAwait(false)
        ?? throw new ArgumentException($"party {Self} has no job {jobId}");

    private static IEnumerable<int> Parties(JobDefinition job) => job.Roster.ToRoster().All().Select(p => p.Id).Distinct();
}
