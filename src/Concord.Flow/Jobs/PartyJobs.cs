using System.Collections.Concurrent;
using Concord.Federation.Parties;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;

namespace Concord.Flow.Jobs;

/// <summary>
/// The jobs one party's node is running: started by the initiator, one attempt at a time per job. Each attempt's
/// session is open in <paramref name="sessions"/> from just before its run starts until the run ends here.
/// </summary>
public sealed class PartyJobs(PartyServices party, JobSessions? sessions = null)
{
    private readonly ConcurrentDictionary<string, PartyJobRun> _runs = new();
    private readonly ConcurrentDictionary<string, byte> _canceled = new();

    /// <summary>How long a cancel waits for the tasks it stopped to record their end.</summary>
    private static readonly TimeSpan WindDown = TimeSpan.FromSeconds(3);

    public PartyServices Party => party;

    /// <summary>This party's check of grants and approval, which every job another party initiated passes before it starts here.</summary>
    public Governance.JobConsent Consent { get; init; } = new(party, Governance.NoGovernanceEvents.Instance);

    /// <summary>
    /// Checks the job here too (a party runs only what it has read itself, within its own limits, with a roster
    /// its parties.yaml agrees with, and with this party's consent: grants and approval), records the job in this
    /// party's store, and starts this party's run of the attempt. <paramref name="sender"/> is the party whose
    /// certificate asked, or null for this node itself or its operator; any other party must be the job's initiator.
    /// Nothing is stored for a refused start, except a refusal for want of consent, which this party's operator sees.
    /// </summary>
    public async Task StartAsync(JobStart start, int? sender, CancellationToken ct)
    {
        var from = From(sender);
        party.Log($"[{start.JobId}] start of attempt {start.Attempt} received from {from}");
        try
        {
            var job = await CheckAsync(start, sender, ct).ConfigureAwait(false);
            // The initiator asked already, but a party trusts only its own check, made again here.
            if (await Consent.AskAsync(start, job, ct).ConfigureAwait(false) == Governance.Consent.PendingApproval)
            {
                throw new InvalidOperationException($"job {start.JobId} is waiting for approval at party {party.PartyId}");
            }
            if (_runs.TryGetValue(start.JobId, out var previous) && !previous.Completion.IsCompleted)
            {
                throw new InvalidOperationException($"job {start.JobId} is still running at party {party.PartyId}; stop it before starting attempt {start.Attempt}");
            }
            _canceled.TryRemove(start.JobId, out _);
            await MarkRunningAsync(start, job, ct).ConfigureAwait(false);
            await party.Audit.AppendAsync(JobAuditEvents.Started(start.JobId, start.Attempt, job.Roster.RoleOf(party.PartyId).Role.ToWire(),
                job.Roster.Guest, start.JobFile), ct).ConfigureAwait(false);
            sessions?.Open(start.Session(), job.Roster.ToRoster().All().Select(p => p.Id));
            var run = PartyJobRun.Start(start, job, party);
            _runs[start.JobId] = run;
            _ = run.Completion.ContinueWith(t => EndedAsync(start, job, t), TaskScheduler.Default).Unwrap();
        }
        catch (Exception ex) when (ex is JobFileException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            party.Log($"[{start.JobId}] refused the start from {from}: {ex.Message}");
            throw;
        }
    }

    /// <summary>This party's word on a job before its initiator starts it anywhere, after the same checks as a start.</summary>
    public async Task<Governance.Consent> ConsentAsync(JobStart start, int? sender, CancellationToken ct)
    {
        try
        {
            return await Consent.AskAsync(start, await CheckAsync(start, sender, ct).ConfigureAwait(false), ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is JobFileException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            party.Log($"[{start.JobId}] refused consent to {From(sender)}: {ex.Message}");
            throw;
        }
    }

    /// <summary>The job, once its file, this party's role in it, the sender and any earlier record of it check out.</summary>
    private async Task<JobDefinition> CheckAsync(JobStart start, int? sender, CancellationToken ct)
    {
        var job = party.Admission.Admit(start.JobFile, $"job {start.JobId}");
        if (!job.Roster.ToRoster().All().Any(p => p.Id == party.PartyId))
        {
            throw new ArgumentException($"party {party.PartyId} has no role in job {start.JobId}");
        }
        var existing = await party.Store.GetJobAsync(start.JobId, ct).ConfigureAwait(false);
        var initiator = existing?.Spec.Initiator ?? job.Roster.Guest;
        if (sender is int asking && asking != initiator)
        {
            throw new UnauthorizedAccessException($"party {asking} may not start job {start.JobId} at party {party.PartyId}: only its initiator, party {initiator}, may");
        }
        if (existing is not null && existing.Spec.JobFile != start.JobFile)
        {
            throw new ArgumentException($"party {party.PartyId} already has a job {start.JobId} with another job file; an attempt must send the job's own file");
        }
        return job;
    }

    private static string From(int? sender) => sender is int id ? $"party {id}" : "this node's operator";

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
    /// Stops this party's run on the initiator's word, and waits a little for its tasks to end, so the initiator
    /// that asks for their states next finds them final. The job then reads canceled here too, even where this
    /// party's own tasks had all finished, because the initiator's verdict covers the whole job.
    /// </summary>
    public async Task CancelAsync(string jobId, CancellationToken ct)
    {
        _canceled[jobId] = 0;
        if (_runs.TryGetValue(jobId, out var run) && !run.Completion.IsCompleted)
        {
            run.Cancel();
            await Task.WhenAny(run.Completion, Task.Delay(WindDown, ct)).ConfigureAwait(false);
            return;
        }
        var record = await party.Store.GetJobAsync(jobId, ct).ConfigureAwait(false);
        if (record is { State: TaskState.PendingApproval })
        {
            await party.Store.TryTransitionJobAsync(jobId, TaskState.PendingApproval, TaskState.Canceled, "canceled by the initiator", ct).ConfigureAwait(false);
        }
        if (record is { State: TaskState.Success } && record.Spec.Initiator != party.PartyId)
        {
            await party.Store.TryTransitionJobAsync(jobId, TaskState.Success, TaskState.Waiting, ct: ct).ConfigureAwait(false);
            await party.Store.TryTransitionJobAsync(jobId, TaskState.Waiting, TaskState.Canceled, "canceled by the initiator", ct).ConfigureAwait(false);
        }
    }

    /// <summary>Whether this party is still running some task of the job, canceled or not.</summary>
    public bool IsRunning(string jobId) => _runs.TryGetValue(jobId, out var run) && !run.Completion.IsCompleted;

    /// <summary>Cancels every run, for a node that is shutting down, and gives them a moment to record their end.</summary>
    public async Task CancelAllAsync()
    {
        var live = _runs.Values.Where(r => !r.Completion.IsCompleted).ToList();
        live.ForEach(r => r.Cancel());
        await Task.WhenAny(Task.WhenAll(live.Select(r => r.Completion)), Task.Delay(WindDown)).ConfigureAwait(false);
    }

    /// <summary>
    /// At start-up, before any job runs: tasks this party's store still holds as running were cut off when the
    /// node last stopped, so they are marked interrupted, and a job still running here fails, to be resumed.
    /// </summary>
    public async Task RecoverAsync(CancellationToken ct)
    {
        foreach (var state in new[] { TaskState.Running, TaskState.Waiting })
        {
            foreach (var job in await party.Store.ListJobsAsync(int.MaxValue, state, ct).ConfigureAwait(false))
            {
                var error = $"party {party.PartyId}'s node stopped while the job ran";
                foreach (var task in (await party.Store.TasksAsync(job.JobId, ct).ConfigureAwait(false)).Where(t => t.Key.Party == party.PartyId && t.State == TaskState.Running))
                {
                    await party.Store.UpsertTaskAsync(task with { State = TaskState.Interrupted, Error = error, EndedAt = DateTimeOffset.UtcNow }, ct).ConfigureAwait(false);
                }
                await party.Store.TryTransitionJobAsync(job.JobId, state, TaskState.Failed, error, ct).ConfigureAwait(false);
                party.Log($"[{job.JobId}] was {state.ToString().ToLowerInvariant()} when the node last stopped; marked failed, its running tasks interrupted");
            }
        }
    }

    private async Task MarkRunningAsync(JobStart start, JobDefinition job, CancellationToken ct)
    {
        var record = await party.Store.GetJobAsync(start.JobId, ct).ConfigureAwait(false)
            ?? await party.Store.CreateJobAsync(start.SpecFor(job), ct).ConfigureAwait(false);
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

    /// <summary>What follows the end of this party's run: its session closes, the audit trail records how it ended,
    /// and, except at the initiator, the job's state here follows.</summary>
    private async Task EndedAsync(JobStart start, JobDefinition job, Task run)
    {
        sessions?.End(start.Session());
        var (state, error) = Outcome(start.JobId, run);
        party.Audit.AppendInBackground(JobAuditEvents.Finished(start.JobId, start.Attempt, state, error));
        // At the initiator the scheduler owns the job's state, which covers every party, not just this one.
        if (job.Roster.Guest == party.PartyId)
        {
            return;
        }
        try
        {
            await party.Store.TryTransitionJobAsync(start.JobId, TaskState.Running, state, error).ConfigureAwait(false);
        }
        catch (FlowStoreException ex)
        {
            party.Log($"[{start.JobId}] could not record the end of the job at party {party.PartyId}: {ex.Message}");
        }
    }
}
