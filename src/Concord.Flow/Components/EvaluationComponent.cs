using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Evaluation;
using Concord.ML.JobParameters;

namespace Concord.Flow.Components;

/// <summary>
/// Scores a model's prediction table at the guest, the only party with labels: binary, multi-class or
/// regression metrics of the prediction columns against the table's labels. Nothing crosses the wire.
/// </summary>
public sealed class EvaluationComponent : IFederatedComponent
{
    /// <summary>The prediction column of a binary or regression model; a multi-class model's are ScoreColumn + "_" + class.</summary>
    public const string ScoreColumn = PredictionColumns.Score;

    public const string TypeName = "evaluation";

    public string Type => TypeName;

    public Task<ComponentOutput> RunAsync(ComponentRun run, CancellationToken ct)
    {
        if (run.Context.Self.Role != Role.Guest)
        {
            throw new InvalidOperationException($"party {run.Context.Self}: evaluation runs at the guest only, which holds the labels");
        }
        var table = run.RequireInput("data");
        var labels = table.Labels ?? throw new ArgumentException($"the evaluation input has no label column: it needs the true labels next to the predictions (columns: {string.Join(", ", table.Schema.FeatureNames)})");
        var options = OptionsBinder.Bind<EvaluationOptions>(run.Parameters, EvaluationSpec.Spec);
        var evalType = WireNames.Of(options.EvalType);
        var metrics = options.EvalType switch
        {
            EvalType.Binary => EvaluationJson.Binary(BinaryMetrics.Evaluate(Score(table), labels, table.Weights, options.Threshold, options.PosLabel)),
            EvalType.Multi => Multi(table, labels),
            _ => EvaluationJson.Regression(RegressionMetrics.Evaluate(Score(table), labels, table.Weights)),
        };
        if (options.Metrics is { } wanted)
        {
            EvaluationJson.KeepScalars(metrics, wanted, evalType);
        }
        metrics["eval_type"] = evalType;
        metrics["rows"] = table.RowCount;
        run.Log($"{evalType} evaluation of {table.RowCount} rows: {EvaluationJson.Summary(metrics)}");
        return Task.FromResult(new ComponentOutput(Metrics: metrics));
    }

    private static ReadOnlySpan<double> Score(PartyTable table)
    {
        var names = table.Schema.FeatureNames.ToList();
        var j = names.IndexOf(ScoreColumn);
        return j >= 0
            ? table.Column(j)
            : throw new ArgumentException($"the evaluation input has no \"{ScoreColumn}\" column (it has: {string.Join(", ", names)}); connect a model's prediction output");
    }

    private static JsonObject Multi(PartyTable table, double[] labels)
    {
        var prefix = ScoreColumn + "_";
        var columns = table.Schema.FeatureNames
            .Select((name, j) => (name, j))
            .Where(c => c.name.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
        var classes = columns.Select(c => double.TryParse(c.name[prefix.Length..], NumberStyles.Float, CultureInfo.InvariantCulture, out var label)
            ? label
            : throw new ArgumentException($"the evaluation input's column \"{c.name}\" does not name a class: expected {prefix}<label value>, e.g. {prefix}2")).ToArray();
        return EvaluationJson.Multi(MultiClassMetrics.Evaluate(classes, [.. columns.Select(c => table.Column(c.j).ToArray())], labels, table.Weights));
    }
}
