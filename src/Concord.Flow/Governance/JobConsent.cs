using Concord.Flow.Api.Access;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Concord.Flow.Store;

namespace Concord.Flow.Governance;

/// <summary>Where a job stands at a party that has checked it: free to start, or waiting for the operator's approval.</summary>
public enum Consent
{
    Given,
    PendingApproval,
}

/// <summary>A party will not run a job: a grant is missing, or its operator rejected the job. The message says which.</summary>
public sealed class JobRefusedException(string message) : InvalidOperationException(message);

/// <summary>
/// A party's word on a job another party initiated, given before any of its data moves: every table each
/// component would touch there must be granted to the initiator for that component's type, and in approval mode
/// the party's operator must have approved the job. A job this party initiated itself uses its own data on its
/// own operator's say, so it needs neither.
/// </summary>
public sealed class JobConsent(PartyServices party, IGovernanceEvents events)
{
    private IFlowStore Store => party.Store;

    public async Task<Consent> AskAsync(JobStart start, JobDefinition job, CancellationToken ct)
    {
        if (job.Roster.Guest == party.PartyId)
        {
            return Consent.Given;
        }
        if (await GovernanceSettings.GetAsync(Store, GovernanceSettings.RequireGrants, ct).ConfigureAwait(false))
        {
            await CheckGrantsAsync(start, job, ct).ConfigureAwait(false);
        }
        if (!await GovernanceSettings.GetAsync(Store, GovernanceSettings.RequireApproval, ct).ConfigureAwait(false))
        {
            return Consent.Given;
        }
        var record = await RecordAsync(start, job, ct).ConfigureAwait(false);
        switch (await Store.GetApprovalAsync(start.JobId, ct).ConfigureAwait(false))
        {
            case null:
                await MoveToAsync(record, TaskState.PendingApproval, null, ct).ConfigureAwait(false);
                return Consent.PendingApproval;
            case { Decision: ApprovalDecision.Rejected } verdict:
                throw new JobRefusedException($"party {party.PartyId} refuses job {start.JobId}: {verdict.DecidedBy} rejected it{(verdict.Reason is null ? "" : $" ({verdict.Reason})")}");
            default:
                return Consent.Given;
        }
    }

    /// <summary>Records the operator's verdict on a job waiting here; a job is decided once, and only one another party initiated.</summary>
    public async Task<JobApproval> DecideAsync(string jobId, ApprovalDecision decision, OperatorIdentity by, string? reason, CancellationToken ct)
    {
        var record = await Store.GetJobAsync(jobId, ct).ConfigureAwait(false)
            ?? throw new FlowStoreException(FlowStoreError.NotFound, $"party {party.PartyId} has no job {jobId}");
        if (record.Spec.Initiator == party.PartyId)
        {
            throw new ArgumentException($"job {jobId} was submitted at party {party.PartyId} itself; only jobs other parties initiate wait for approval");
        }
        var verdict = await Store.DecideJobAsync(new JobApproval(jobId, decision, by.ToString(), reason, DateTimeOffset.UtcNow), ct).ConfigureAwait(false);
        if (verdict.Decision != decision)
        {
            throw new InvalidOperationException($"job {jobId} was already {SqlValues.Name(verdict.Decision)} at party {party.PartyId} by {verdict.DecidedBy}");
        }
        var current = await Store.GetJobAsync(jobId, ct).ConfigureAwait(false);
        if (current?.State == TaskState.PendingApproval)
        {
            await (decision == ApprovalDecision.Approved
                ? Store.TryTransitionJobAsync(jobId, TaskState.PendingApproval, TaskState.Waiting, ct: ct)
                : Store.TryTransitionJobAsync(jobId, TaskState.PendingApproval, TaskState.Failed, $"rejected at party {party.PartyId} by {by}{(reason is null ? "" : $": {reason}")}", ct)).ConfigureAwait(false);
        }
        var kind = decision == ApprovalDecision.Approved ? GovernanceEvent.JobApproved : GovernanceEvent.JobRejected;
        await events.RecordAsync(new GovernanceEvent(kind, by.ToString(), jobId, reason ?? ""), ct).ConfigureAwait(false);
        return verdict;
    }

    private async Task CheckGrantsAsync(JobStart start, JobDefinition job, CancellationToken ct)
    {
        var grants = await Store.ListGrantsAsync(ct: ct).ConfigureAwait(false);
        var result = GrantCheck.Evaluate(job, party.PartyId, start.JobId, grants, DateTimeOffset.UtcNow);
        if (!result.Allowed)
        {
            await RefuseAsync(start, job, GrantCheck.Refusal(party.PartyId, start.JobId, job.Roster.Guest, result.Missing), ct).ConfigureAwait(false);
        }
        foreach (var grant in result.Used.Where(g => g.Once && g.JobId is null))
        {
            if (!await Store.BindGrantAsync(grant.GrantId, start.JobId, ct).ConfigureAwait(false))
            {
                await RefuseAsync(start, job, $"party {party.PartyId} refuses job {start.JobId}: one-job {grant} went to another job first", ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Records the refusal here too, so this party's operator sees what was refused and why, then throws it.</summary>
    private async Task RefuseAsync(JobStart start, JobDefinition job, string refusal, CancellationToken ct)
    {
        await events.RecordAsync(new GovernanceEvent(GovernanceEvent.JobRefused, $"party {job.Roster.Guest}", start.JobId, refusal), ct).ConfigureAwait(false);
        var record = await RecordAsync(start, job, ct).ConfigureAwait(false);
        if (record.State is not TaskState.Running)
        {
            await MoveToAsync(record, TaskState.Failed, refusal, ct).ConfigureAwait(false);
        }
        throw new JobRefusedException(refusal);
    }

    private async Task<JobRecord> RecordAsync(JobStart start, JobDefinition job, CancellationToken ct) =>
        await Store.GetJobAsync(start.JobId, ct).ConfigureAwait(false)
        ?? await Store.CreateJobAsync(start.SpecFor(job), ct).ConfigureAwait(false);

    /// <summary>Moves the job to <paramref name="to"/>, through waiting when it had finished before (a resumed job).</summary>
    private async Task MoveToAsync(JobRecord record, TaskState to, string? error, CancellationToken ct)
    {
        var from = record.State;
        if (from == to)
        {
            return;
        }
        if (JobStateMachine.IsFinished(from))
        {
            await Store.TryTransitionJobAsync(record.Spec.JobId, from, TaskState.Waiting, ct: ct).ConfigureAwait(false);
            from = TaskState.Waiting;
        }
        if (from is TaskState.Waiting or TaskState.PendingApproval)
        {
            await Store.TryTransitionJobAsync(record.Spec.JobId, from, to, error, ct).ConfigureAwait(false);
        }
    }
}
