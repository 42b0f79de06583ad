using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Flow.Components;
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
            Console.WriteLine(IsEvaluation(metric)
                ? $"{metric.Task.Component} at party {metric.Task.Party}: {EvaluationJson.Summary(metric.Value)}{Matrix(metric.Value)}"
                : $"{metric.Task.Component} at party {metric.Task.Party}: {metric.Name}: {Scalars(metric.Value)}");
        }
        Job.MetricWarnings.Print(outcome.Metrics);
    }

    /// <summary>
    /// The last line of `concord run --json`: the job's outcome, every evaluation's scalar metrics at the top level
    /// (e.g. "auc": 0.99), then all metrics by component and party. A scalar a second evaluation component also
    /// reports is lifted as "component.name", so that none hides another.
    /// </summary>
    public static JsonObject Figures(RunOutcome outcome)
    {
        var job = outcome.Job.Job;
        var figures = new JsonObject
        {
            ["job"] = job.JobId,
            ["name"] = job.Spec.Name,
            ["state"] = job.State.ToString().ToLowerInvariant(),
            ["error"] = job.Error,
            ["seconds"] = outcome.Seconds,
        };
        foreach (var metric in outcome.Metrics.Where(IsEvaluation))
        {
            foreach (var (name, value) in EvaluationJson.Scalars(metric.Value))
            {
                figures[figures.ContainsKey(name) ? $"{metric.Task.Component}.{name}" : name] = value;
            }
        }
        // Differential privacy's total, as the guest's horizontal component reports it (the ε of DP-SGD is each client's own).
        if (outcome.Metrics.Where(m => m.Task.Party == job.Spec.Roster.Guest).Select(m => m.Value["privacy"]?["epsilon"]).OfType<JsonNode>().FirstOrDefault() is JsonNode epsilon)
        {
            figures["epsilon"] = epsilon.DeepClone();
        }
        figures["metrics"] = Metrics(outcome.Metrics);
        return figures;
    }

    /// <summary>
    /// A component's top-level numbers, words and flags; its tables and curves (a binning's bins, a validation curve)
    /// are named only, since printed whole they bury the rest of the report: --json carries them.
    /// </summary>
    private static string Scalars(JsonNode value)
    {
        if (value is not JsonObject fields)
        {
            return value.ToJsonString();
        }
        var scalars = fields.Where(f => f.Value is JsonValue).Select(f => $"{f.Key} {f.Value!.ToJsonString()}").ToList();
        var nested = fields.Where(f => f.Value is JsonObject or JsonArray).Select(f => f.Key).ToList();
        return string.Join(", ", scalars)
            + (nested.Count == 0 ? "" : $"{(scalars.Count > 0 ? "; " : "")}with --json also {string.Join(", ", nested)}");
    }

    private static bool IsEvaluation(MetricRecord metric) => metric.Name == EvaluationComponent.TypeName;

    private static string Matrix(JsonNode value) =>
        value["confusion_matrix"]?["matrix"] is JsonNode matrix ? $"; confusion matrix (rows true, columns predicted) {matrix.ToJsonString()}" : "";

    /// <summary>The metrics by component, then party: what the example jobs' callers compare against baselines.</summary>
    private static JsonObject Metrics(IReadOnlyList<MetricRecord> metrics)
    {
        var byComponent = new JsonObject();
        foreach (var group in metrics.GroupBy(m => m.Task.Component))
        {
            var byParty = new JsonObject();
            foreach (var metric in group)
            {
                byParty[metric.Task.Party.ToString(CultureInfo.InvariantCulture)] = metric.Value.DeepClone();
            }
            byComponent[group.Key] = byParty;
        }
        return byComponent;
    }
}
