using Concord.Flow.Control;

namespace Concord.Flow.Store;

/// <summary>What a job is, as submitted: everything needed to run it again.</summary>
/// <param name="Initiator">The party that submitted the job (its guest).</param>
/// <param name="JobFile">The job file's text (the pipeline DSL), kept verbatim so that errors can quote its lines.</param>
/// <param name="Seed">The seed of every random choice in the job, so that a rerun is reproducible.</param>
public sealed record JobSpec(string JobId, string Name, int Initiator, RosterSpec Roster, string JobFile, long Seed)
{
    internal void Validate()
    {
        FlowStoreChecks.NotBlank(JobId, "job id");
        FlowStoreChecks.NotBlank(Name, $"name of job {JobId}");
    }
}

/// <summary>A job as the store holds it. Times are UTC, kept to the millisecond, and stamped by the store.</summary>
/// <param name="Error">Why the job failed or was canceled; null in every other state.</param>
public sealed record JobRecord(
    JobSpec Spec,
    TaskState State,
    string? Error,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? EndedAt)
{
    public string JobId => Spec.JobId;
}
