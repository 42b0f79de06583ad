using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Cli.Commands.Run;

internal static class RunReport
{
    public static void Print(RunOutcome outcome)
    {
        var job = outcome.Job.Job;
        Console.WriteLine($"job {job.JobId} ({job.Spec.Name}): {job.State.ToString().ToLowerInvariant()} in {outcome.Seconds:F1} s");
        if (job.Error is not null)
        {
            Console.WriteLine($"error: {job.Error}");
            Console.WriteLine($"node logs: {outcome.Folder}");
        }
        foreach (var metric in outcome.Metrics)
        {
            Console.WriteLine($"{metric.Task.Component} at party {metric.Task.Party}: {metric.Name} = {metric.Value.ToJsonString()}");
        }
    }

    public static object Figures(RunOutcome outcome) => new
    {
        job = outcome.Job.Job.JobId,
        name = outcome.Job.Job.Spec.Name,
        state = outcome.Job.Job.State.ToString().ToLowerInvariant(),
        error = outcome.Job.Job.Error,
        seconds = outcome.Seconds,
        metrics = Metrics(outcome.Metrics),
    };

    /// <summary>The metrics by component, then party: what the example jobs' callers compare against baselines.</summary>
    private static JsonObject Metrics(IReadOnlyList<MetricRecord> metrics)
    {
        var byComponent = new JsonObject();
        foreach (var group in metrics.GroupBy(m => m.Task.Component))
        {
            var byParty = new JsonObject();
            foreach (var metric in group)
            {
                byParty[metric.Task.Party.ToString(System.Globalization.CultureInfo.InvariantCulture)] = metric.Value.DeepClone();
            }
            byComponent[group.Key] = byParty;
        }
        return byComponent;
    }
}
