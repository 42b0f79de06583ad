using Concord.Flow.Control;

namespace Concord.Flow.Store;

/// <summary>
/// The changes of state a job may make: waiting → running → success | failed | canceled, a waiting job may be
/// canceled or fail before it starts (say, a party cannot be reached), and a finished job may go back to waiting
/// to be resumed or rerun from a component. In approval mode a waiting job may wait for approval first, and
/// go back to waiting when approved, or fail (rejected) or be canceled.
/// </summary>
public static class JobStateMachine
{
    public static bool Allows(TaskState from, TaskState to) => (from, to) switch
    {
        (TaskState.Waiting, TaskState.Running or TaskState.Failed or TaskState.Canceled or TaskState.PendingApproval) => true,
        (TaskState.PendingApproval, TaskState.Waiting or TaskState.Failed or TaskState.Canceled) => true,
        (TaskState.Running, TaskState.Success or TaskState.Failed or TaskState.Canceled) => true,
        (TaskState.Success or TaskState.Failed or TaskState.Canceled, TaskState.Waiting) => true,
        _ => false,
    };

    public static bool IsFinished(TaskState state) => state is TaskState.Success or TaskState.Failed or TaskState.Canceled;
}
