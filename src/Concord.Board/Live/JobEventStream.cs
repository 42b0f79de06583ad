using System.Text.Json;
using Concord.Board.Dag;
using Concord.Board.Views;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Http;

namespace Concord.Board.Live;

/// <summary>
/// A job's changes as server-sent events: its state, each party's task, each component's colour in the DAG, and
/// new log lines. It reads the store every half second and writes only what changed since its last read, in small
/// events, until the browser leaves or <see cref="MaxDuration"/> passes (EventSource then reconnects, resuming
/// after the last log line through Last-Event-ID).
/// </summary>
internal sealed class JobEventStream(IFlowStore store, JobDefinition job, string jobId)
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);
    public static readonly TimeSpan MaxDuration = TimeSpan.FromMinutes(10);

    /// <summary>Log lines sent per read at most; a burst larger than this goes out over the next reads.</summary>
    public const int MaxLinesPerRead = 200;

    /// <summary>A log line longer than this is cut in the event; the API has it whole.</summary>
    public const int MaxMessageChars = 2000;

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<TaskKey, TaskRecord> _tasks = [];
    private readonly Dictionary<string, TaskState> _components = new(StringComparer.Ordinal);
    private (TaskState State, string? Error)? _job;

    public async Task RunAsync(HttpResponse response, long afterSequence, CancellationToken ct)
    {
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        var after = afterSequence;
        var quiet = TimeSpan.Zero;
        using var lifetime = CancellationTokenSource.CreateLinkedTokenSource(ct);
        lifetime.CancelAfter(MaxDuration);
        try
        {
            // The client's reconnection delay, so a stream that ends for MaxDuration comes back soon.
            await response.WriteAsync("retry: 1000\n\n", lifetime.Token).ConfigureAwait(false);
            while (!lifetime.IsCancellationRequested)
            {
                var (wrote, last, gone) = await WriteChangesAsync(response, after, lifetime.Token).ConfigureAwait(false);
                if (gone)
                {
                    return;
                }
                after = last;
                quiet = wrote ? TimeSpan.Zero : quiet + Interval;
                if (quiet >= KeepAlive)
                {
                    // A comment line: nothing for the page, but a closed connection shows up here.
                    await response.WriteAsync(": keep-alive\n\n", lifetime.Token).ConfigureAwait(false);
                    quiet = TimeSpan.Zero;
                }
                await response.Body.FlushAsync(lifetime.Token).ConfigureAwait(false);
                await Task.Delay(Interval, lifetime.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser left, or the stream reached its time; either way it just ends.
        }
    }

    private async Task<(bool Wrote, long After, bool Gone)> WriteChangesAsync(HttpResponse response, long after, CancellationToken ct)
    {
        var wrote = false;
        var record = await store.GetJobAsync(jobId, ct).ConfigureAwait(false);
        if (record is null)
        {
            await SendAsync(response, "gone", null, new { jobId }, ct).ConfigureAwait(false);
            return (true, after, true);
        }
        if (_job != (record.State, record.Error))
        {
            _job = (record.State, record.Error);
            wrote = true;
            await SendAsync(response, "job", null, new { state = BoardPaths.StateName(record.State), error = record.Error, ended = Formats.Time(record.EndedAt) }, ct).ConfigureAwait(false);
        }
        var tasks = await store.TasksAsync(jobId, ct).ConfigureAwait(false);
        foreach (var task in tasks.Where(t => !_tasks.TryGetValue(t.Key, out var seen) || seen != t))
        {
            _tasks[task.Key] = task;
            wrote = true;
            await SendAsync(response, "task", null, new
            {
                id = Formats.TaskId(task.Key),
                component = task.Key.Component,
                party = task.Key.Party,
                role = task.Role,
                state = BoardPaths.StateName(task.State),
                progress = task.Progress,
                status = task.Error ?? task.Status,
                attempt = task.Attempt,
            }, ct).ConfigureAwait(false);
        }
        foreach (var (component, state) in ComponentStates.Of(job.Components.Select(c => (c.Name, c.Parties.Count)), tasks))
        {
            if (!_components.TryGetValue(component, out var seen) || seen != state)
            {
                _components[component] = state;
                wrote = true;
                await SendAsync(response, "component", null, new { name = component, state = BoardPaths.StateName(state) }, ct).ConfigureAwait(false);
            }
        }
        foreach (var line in await store.LogsAsync(jobId, afterSequence: after, limit: MaxLinesPerRead, ct: ct).ConfigureAwait(false))
        {
            after = line.Sequence;
            wrote = true;
            var message = line.Message.Length <= MaxMessageChars ? line.Message : line.Message[..MaxMessageChars] + "…";
            await SendAsync(response, "log", line.Sequence, new
            {
                seq = line.Sequence,
                time = Formats.Time(line.Time),
                where = Formats.LogWhere(line.Task),
                level = line.Level.ToString(),
                message,
            }, ct).ConfigureAwait(false);
        }
        return (wrote, after, false);
    }

    /// <summary>One event; its data is one line of JSON, so no newline in a message can end it early.</summary>
    private static Task SendAsync(HttpResponse response, string name, long? id, object data, CancellationToken ct) =>
        response.WriteAsync($"{(id is long i ? $"id: {i}\n" : "")}event: {name}\ndata: {JsonSerializer.Serialize(data, Json)}\n\n", ct);
}
