using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Cli.Commands.Job;

/// <summary>
/// The warnings a task put in its metrics (a model stopped at max_iter before converging, say), one line each: a
/// job can succeed with a model that is far from its fit, and a user who reads only the final state must see it.
/// </summary>
internal static class MetricWarnings
{
    public static IEnumerable<string> Lines(IEnumerable<MetricRecord> metrics) =>
        from metric in metrics
        where metric.Value is JsonObject { } value && value["warnings"] is JsonArray
        from warning in ((JsonArray)metric.Value["warnings"]!).OfType<JsonValue>()
        select $"warning: {metric.Task.Component} at party {metric.Task.Party}: {warning.GetValue<string>()}";

    public static void Print(IEnumerable<MetricRecord> metrics)
    {
        foreach (var line in Lines(metrics))
        {
            Console.WriteLine(line);
        }
    }
}
