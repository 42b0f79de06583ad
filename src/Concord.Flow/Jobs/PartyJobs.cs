using System.Collections.Concurrent;
using Concord.Federation.Parties;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>The jobs one party's node is running: started by the initiator, one attempt at a time per job.</summary>
public sealed class PartyJobs(PartyServices party)
{
    private readonly ConcurrentDictionary<string, PartyJobRun> _runs = new();
    private readonly ConcurrentDictionary<string, byte> _canceled = new();

    public PartyServices Party => party;

    /// <summary>
    /// Validates the job file here too (a party runs only what it has read itself), records the job in this
    /// party's store, and starts this party's run of the attempt.
    /// </summary>
    public async Task StartAsync(JobStart start, CancellationToken ct)
    {
        var job = JobFile.Parse(start.JobFile, $"job {start.JobId}", party.Catalog.Specs);
        if (!job.Roster.ToRoster().All().Any(p => p.Id == party.PartyId))
        {
            throw new ArgumentException($"party {party.PartyId} has no role in job {start.JobId}");
        }
        if (_runs.TryGetValue(start.JobId, out var previous) && !previous.Completion.IsCompleted)
        {
            throw new InvalidOperationException($"job {start.JobId} is still running at party {party.PartyId}; stop it before starting attempt {start.Attempt}");
        }
        _canceled.TryRemove(start.JobId, out _);
        await MarkRunningAsync(start, job, ct).ConfigureAwait(false);
        await party.Audit.AppendAsync(JobAuditEvents.Started(start.JobId, start.Attempt, job.Roster.RoleOf(party.PartyId).Role.ToWire(),
            job.Roster.Guest, start.JobFile), ct).ConfigureAwait(false);
        var run = PartyJobRun.Start(start, job, party);
        _runs[start.JobId] = run;
        _ = run.Completion.ContinueWith(t => AuditFinish(start, t), TaskScheduler.Default);
        // At the initiator the scheduler owns the job's state, which covers every party, not just this one.
        if (job.Roster.Guest != party.PartyId)
        {
            _ = run.Completion.ContinueWith(t => FinishAsync(start.JobId, t), TaskScheduler.Default);
        }
    }

    public Task<IReadOnlyList<TaskRecord>> TasksAsync(string jobId, CancellationToken ct) => party.Store.TasksAsync(jobId, ct);

    /// <summary>The newest checkpointed iteration of each component of the job at this party.</summary>
    public async Task<Dictionary<string, long>> CheckpointsAsync(string jobId, CancellationToken ct)
    {
        var record = await party.Store.GetJobAsync(jobId, ct).ConfigureAwait(false)
            ?? throw new ArgumentException($"party {party.PartyId} has no job {jobId}");
        var job = JobFile.Parse(record.Spec.JobFile, $"job {jobId}", party.Catalog.Specs);
        var latest = new Dictionary<string, long>();
        foreach (var component in job.Components)
        {
            if (await party.Store.LatestCheckpointAsync(new TaskKey(jobId, component.Name, party.PartyId), ct: ct).ConfigureAwait(false) is Checkpoint checkpoint)
            {
                latest[component.Name] = checkpoint.Iteration;
            }
        }
        return latest;
    }

    /// <summary>
    /// Stops this party's run on the initiator's word. The job then reads canceled here too, even where this
    /// party's own tasks had all finished, because the initiator's verdict covers the whole job.
    /// </summary>
    public async Task CancelAsync(string jobId, CancellationToken ct)
    {
        _canceled[jobId] = 0;
        if (_runs.TryGetValue(jobId, out var run) && !run.Completion.IsCompleted)
        {
            run.Cancel();
            return;
        }
        if (await party.Store.GetJobAsync(jobId, ct).ConfigureAwait(false) is { State: TaskState.Success } record
            && record.Spec.Initiator != party.PartyId)
        {
            await party.Store.TryTransitionJobAsync(jobId, TaskState.Success, TaskState.Waiting, ct: ct).ConfigureAwait(false);
            await party.Store.TryTransitionJobAsync(jobId, TaskState.Waiting, TaskState.Canceled, "canceled by the initiator", ct).ConfigureAwait(false);
        }
    }

    private async Task MarkRunningAsync(JobStart start, JobDefinition job, CancellationToken ct)
    {
        var record = await party.Store.GetJobAsync(start.JobId, ct).ConfigureAwait(false)
            ?? await party.Store.CreateJobAsync(new JobSpec(start.JobId, job.Settings.Name, job.Roster.Guest, job.Roster, start.JobFile, job.Settings.Seed), ct).ConfigureAwait(false);
        if (record.State is TaskState.Failed or TaskState.Canceled or TaskState.Success)
        {
            await party.Store.TryTransitionJobAsync(start.JobId, record.State, TaskState.Waiting, ct: ct).ConfigureAwait(false);
            record = record with { State = TaskState.Waiting };
        }
        if (record.State == TaskState.Waiting)
        {
            await party.Store.TryTransitionJobAsync(start.JobId, TaskState.Waiting, TaskState.Running, ct: ct).ConfigureAwait(false);
        }
    }

    /// <summary>How this party's run of a job ended.</summary>
    private (TaskState State, string? Error) Outcome(string jobId, Task run) =>
        _canceled.ContainsKey(jobId) ? (TaskState.Canceled, "canceled by the initiator") : run.Status switch
        {
            TaskStatus.RanToCompletion => (TaskState.Success, (string?)null),
            TaskStatus.Canceled => (TaskState.Canceled, "canceled"),
            _ when run.Exception?.InnerException is OperationCanceledException => (TaskState.Canceled, "canceled"),
            _ => (TaskState.Failed, TaskErrors.Describe(run.Exception!.InnerException!)),
        };

    private void AuditFinish(JobStart start, Task run)
    {
        var (state, error) = Outcome(start.JobId, run);
        party.Audit.AppendInBackground(JobAuditEvents.Finished(start.JobId, start.Attempt, state, error));
    }

    private async Task FinishAsync(string jobId, Task run)
    {
        var (state, error) = Outcome(jobId, run);
        try
        {
            await party.Store.TryTransitionJobAsync(jobId, TaskState.Running, state, error).ConfigureAwait(false);
        }
        catch (FlowStoreException ex)
        {
            party.Log($"[{jobId}] could not record the end of the job at party {party.PartyId}: {ex.Message}");
        }
    }
}
