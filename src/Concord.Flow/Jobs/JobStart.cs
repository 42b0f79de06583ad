namespace Concord.Flow.Jobs;

/// <summary>
/// The initiator's instruction to every party: run (again) this job file. <paramref name="Attempt"/> counts runs
/// of the same job; messages of each attempt are keyed apart, so a resumed run never meets a stale message.
/// <paramref name="Skip"/> lists components that already succeeded at every party and whose stored outputs stand.
/// <paramref name="ResumeFrom"/> maps an interrupted iterative component to the iteration all parties resume from.
/// <paramref name="Name"/> is the job's name as the initiator took it, so that a file without <c>job.name</c> is
/// named after the file at every party, not after the id each party reads it under; null from an older initiator.
/// </summary>
public sealed record JobStart(
    string JobId,
    string JobFile,
    int Attempt,
    IReadOnlyList<string> Skip,
    IReadOnlyDictionary<string, long> ResumeFrom,
    string? Name = null)
{
    /// <summary>The job id every message of this attempt carries; a method, so it stays out of the JSON.</summary>
    public string Session() => $"{JobId}.attempt-{Attempt}";

    /// <summary>How a party records the job it is handed.</summary>
    public Store.JobSpec SpecFor(Dsl.JobDefinition job) => new(JobId, Name ?? job.Settings.Name, job.Roster.Guest, job.Roster, JobFile, job.Settings.Seed);
}
