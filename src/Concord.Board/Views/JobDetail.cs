using Concord.Board.Dag;
using Concord.Flow.Control;
using Concord.Flow.Store;

namespace Concord.Board.Views;

/// <summary>One metric series of a task, as the job page lists it: how many steps it has and its last value.</summary>
public sealed record MetricSummary(TaskKey Task, string Name, MetricKind Kind, int Steps, string LastValue);

/// <summary>Everything the job page shows, read from the store in one go.</summary>
/// <param name="Logs">The newest log lines, oldest first; older ones are left to the API.</param>
/// <param name="CanAct">Whether the signed-in role may stop, resume and rerun jobs.</param>
public sealed record JobDetail(
    JobRecord Job,
    IReadOnlyList<TaskRecord> Tasks,
    DagLayout Dag,
    IReadOnlyDictionary<string, TaskState> States,
    IReadOnlyList<MetricSummary> Metrics,
    IReadOnlyList<LogEntry> Logs,
    bool CanAct);
