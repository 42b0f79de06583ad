using Concord.Board.Dag;
using Concord.Flow.Dsl;
using Concord.Flow.Store;

namespace Concord.Board.Views;

/// <summary>Reads what the job page shows from this party's store.</summary>
internal static class JobDetails
{
    /// <summary>Log lines the page starts with; the stream brings the ones after.</summary>
    public const int LogLines = 500;

    private const int MaxValueChars = 160;

    public static async Task<JobDetail> ReadAsync(IFlowStore store, JobRecord job, JobDefinition definition, bool canAct, CancellationToken ct)
    {
        var tasks = await store.TasksAsync(job.JobId, ct).ConfigureAwait(false);
        var metrics = await store.MetricsAsync(job.JobId, ct: ct).ConfigureAwait(false);
        var logs = await LastLogsAsync(store, job.JobId, ct).ConfigureAwait(false);
        var states = ComponentStates.Of(definition.Components.Select(c => (c.Name, c.Parties.Count)), tasks);
        var summaries = metrics
            .GroupBy(m => (m.Task, m.Name, m.Kind))
            .Select(g => new MetricSummary(g.Key.Task, g.Key.Name, g.Key.Kind, g.Count(), Clip(g.Last().Value.ToJsonString())))
            .ToList();
        return new JobDetail(job, tasks, DagLayout.Of(definition), states, summaries, logs, canAct);
    }

    /// <summary>
    /// The newest <see cref="LogLines"/> lines. The store reads a log forwards only, so this reads it in chunks and
    /// keeps the tail; a job's log is thousands of lines at most, as its tasks write a line per step, not per row.
    /// </summary>
    private static async Task<IReadOnlyList<LogEntry>> LastLogsAsync(IFlowStore store, string jobId, CancellationToken ct)
    {
        var first = await store.LogsAsync(jobId, limit: LogLines, ct: ct).ConfigureAwait(false);
        if (first.Count < LogLines)
        {
            return first;
        }
        var lines = new List<LogEntry>(first);
        while (true)
        {
            var more = await store.LogsAsync(jobId, afterSequence: lines[^1].Sequence, limit: 5000, ct: ct).ConfigureAwait(false);
            if (more.Count == 0)
            {
                return lines.Count <= LogLines ? lines : lines[^LogLines..];
            }
            lines.AddRange(more);
            if (lines.Count > 4 * LogLines)
            {
                lines.RemoveRange(0, lines.Count - LogLines);
            }
        }
    }

    private static string Clip(string text) => text.Length <= MaxValueChars ? text : text[..MaxValueChars] + "…";
}
