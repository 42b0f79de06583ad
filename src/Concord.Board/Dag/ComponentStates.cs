using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Board.Dag;

/// <summary>One component's state over every party's task of it, as the DAG colours it.</summary>
public static class ComponentStates
{
    /// <summary>
    /// A failure anywhere shows first, then anything still running, then an interruption or a cancel; a component
    /// succeeded only when every party's task did; one no party has started is waiting.
    /// </summary>
    public static TaskState Of(IEnumerable<TaskRecord> tasks, int parties)
    {
        var states = tasks.Select(t => t.State).ToList();
        return states.Count == 0 ? TaskState.Waiting
            : states.Contains(TaskState.Failed) ? TaskState.Failed
            : states.Contains(TaskState.Running) ? TaskState.Running
            : states.Contains(TaskState.Interrupted) ? TaskState.Interrupted
            : states.Contains(TaskState.Canceled) ? TaskState.Canceled
            : states.Count >= parties && states.All(s => s == TaskState.Success) ? TaskState.Success
            : states.Contains(TaskState.Success) ? TaskState.Running
            : TaskState.Waiting;
    }

    /// <summary>Every component's state in a job, by name.</summary>
    public static Dictionary<string, TaskState> Of(IEnumerable<(string Name, int Parties)> components, IReadOnlyList<TaskRecord> tasks) =>
        components.ToDictionary(c => c.Name, c => Of(tasks.Where(t => t.Key.Component == c.Name), c.Parties), StringComparer.Ordinal);
}
