using Concord.Flow.Api;
using Concord.Flow.Control;

namespace Concord.Cli.Commands.Run;

/// <summary>One line of a running job's progress: tasks done out of all, and which are running where.</summary>
internal static class TaskProgress
{
    public static string Describe(JobView view)
    {
        var done = view.Tasks.Count(t => t.State == TaskState.Success);
        var running = view.Tasks.Where(t => t.State == TaskState.Running).Select(t => $"{t.Key.Component}@{t.Key.Party}").ToList();
        var failed = view.Tasks.Where(t => t.State == TaskState.Failed).Select(t => $"{t.Key.Component}@{t.Key.Party}").ToList();
        return $"job {view.Job.State.ToString().ToLowerInvariant()}: {done} task(s) done"
            + (running.Count > 0 ? $"; running {string.Join(", ", running)}" : "")
            + (failed.Count > 0 ? $"; failed {string.Join(", ", failed)}" : "");
    }
}
