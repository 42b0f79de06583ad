using Concord.Flow.Control;

namespace Concord.Flow.Store;

/// <summary>One party's task: its role of one component. The caller stamps the times; the store keeps them to the millisecond.</summary>
/// <param name="Role">The party's role in the job, such as guest, host or arbiter.</param>
/// <param name="Progress">How far the task has come, from 0 to 1.</param>
/// <param name="Status">A short line on what the task is doing, such as "iteration 7 of 20".</param>
/// <param name="Attempt">1 for the first run; a rerun or a resume counts up.</param>
public sealed record TaskRecord(
    TaskKey Key,
    string Role,
    TaskState State,
    string? Error = null,
    double Progress = 0,
    string? Status = null,
    int Attempt = 1,
    DateTimeOffset? StartedAt = null,
    DateTimeOffset? EndedAt = null)
{
    internal void Validate()
    {
        Key.Validate();
        FlowStoreChecks.NotBlank(Role, $"role of {Key}");
        FlowStoreChecks.Positive(Attempt, $"attempt number of {Key}");
        if (!(Progress >= 0 && Progress <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Progress), Progress, $"the progress of {Key} must be between 0 and 1, not {Progress}");
        }
    }
}
