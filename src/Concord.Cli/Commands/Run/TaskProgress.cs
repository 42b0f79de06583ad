using Concord.Flow.Api;
using Concord.Flow.Control;
using Spectre.Console;

namespace Concord.Cli.Commands.Run;

/// <summary>A running job's progress: tasks done, and which are running where.</summary>
internal static class TaskProgress
{
    /// <summary>
    /// Follows a job to its end: a live status line on a terminal, one line per change otherwise (logs, CI).
    /// </summary>
    public static async Task<JobView> FollowAsync(OperatorClient api, string jobId, CancellationToken ct)
    {
        if (!Console.IsOutputRedirected && !Console.IsErrorRedirected)
        {
            return await AnsiConsole.Status().StartAsync($"job {jobId}", async status =>
                await api.WaitAsync(jobId, update => status.Status(Markup.Escape(Describe(update))), ct));
        }
        var last = "";
        return await api.WaitAsync(jobId, update =>
        {
            var line = Describe(update);
            if (line != last)
            {
                Console.Error.WriteLine(line);
                last = line;
            }
        }, ct);
    }

    public static string Describe(JobView view)
    {
        var done = view.Tasks.Count(t => t.State == TaskState.Success);
        string Listed(TaskState state)
        {
            var tasks = view.Tasks.Where(t => t.State == state).Select(t => $"{t.Key.Component}@{t.Key.Party}").ToList();
            return tasks.Count > 0 ? $"; {state.ToString().ToLowerInvariant()} {string.Join(", ", tasks)}" : "";
        }
        return $"job {view.Job.State.ToString().ToLowerInvariant()}: {done} task(s) done"
            + Listed(TaskState.Running) + Listed(TaskState.Failed) + Listed(TaskState.Interrupted);
    }
}
