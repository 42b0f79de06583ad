using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// What <c>concord job status|list|logs|metrics --json</c> print (docs/cli-json.md): records of their own rather than
/// the store's, so that a script's fields stay put when the store's records change; states are the words the
/// tables show.
/// </summary>
internal static class JobJson
{
    public sealed record Job(string JobId, string Name, string State, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

    public sealed record Status(string JobId, string Name, string State, string? Error, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<Task> Tasks);

    public sealed record Task(string Component, int Party, string Role, string State, int Attempt, double Progress, string? Status, string? Error, DateTimeOffset? StartedAt, DateTimeOffset? EndedAt);

    public sealed record List(IReadOnlyList<Job> Jobs);

    public sealed record Log(long Sequence, DateTimeOffset Time, string Component, int Party, string Level, string Message);

    public sealed record Logs(string JobId, IReadOnlyList<Log> Lines);

    public sealed record Metric(string Component, int Party, string Name, string Kind, long? Step, JsonNode Value, DateTimeOffset RecordedAt);

    public sealed record Metrics(string JobId, IReadOnlyList<Metric> Values);

    public static Job Of(JobRecord job) => new(job.JobId, job.Spec.Name, JobCommand.Word(job.State), job.Error, job.CreatedAt, job.StartedAt, job.EndedAt);

    public static Status Of(Flow.Api.JobView view) => new(
        view.Job.JobId, view.Job.Spec.Name, JobCommand.Word(view.Job.State), view.Job.Error, view.Job.CreatedAt, view.Job.StartedAt, view.Job.EndedAt,
        [.. view.Tasks.Select(t => new Task(t.Key.Component, t.Key.Party, t.Role, JobCommand.Word(t.State), t.Attempt, t.Progress, t.Status, t.Error, t.StartedAt, t.EndedAt))]);

    public static Log Of(LogEntry line) => new(line.Sequence, line.Time, line.Task.Component, line.Task.Party, Lower(line.Level), line.Message);

    public static Metric Of(MetricRecord metric) => new(metric.Task.Component, metric.Task.Party, metric.Name, Lower(metric.Kind), metric.Step, metric.Value, metric.RecordedAt);

    private static string Lower<T>(T value)
        where T : struct, Enum => value.ToString().ToLowerInvariant();
}
