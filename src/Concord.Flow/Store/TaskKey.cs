namespace Concord.Flow.Store;

/// <summary>One party's run of one component of a job: the owner of tasks, logs, metrics, outputs and checkpoints.</summary>
/// <param name="Component">The component's name in the job's DAG (such as reader_0), not its type.</param>
public sealed record TaskKey(string JobId, string Component, int Party)
{
    public override string ToString() => $"job {JobId} component {Component} party {Party}";

    internal void Validate()
    {
        FlowStoreChecks.NotBlank(JobId, "job id");
        FlowStoreChecks.NotBlank(Component, $"component name of job {JobId}");
    }
}
