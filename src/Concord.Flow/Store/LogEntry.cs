using Microsoft.Extensions.Logging;

namespace Concord.Flow.Store;

/// <summary>One line of a task's log.</summary>
/// <param name="Sequence">Counts up from 1 within a job, in the order lines became visible, so a reader can tail by asking for lines after the last one it saw.</param>
public sealed record LogEntry(long Sequence, TaskKey Task, LogLevel Level, string Message, DateTimeOffset Time);
