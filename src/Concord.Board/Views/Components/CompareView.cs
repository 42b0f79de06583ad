using System.Text.Json.Nodes;
using Concord.Board.Charts;
using Concord.Flow.Components;
using Concord.Flow.Store;

namespace Concord.Board.Views.Components;

/// <summary>One evaluation of one job as this party stored it, named "job / component" on the comparison's legends.</summary>
public sealed record EvaluationRun(string JobId, string Component, JsonObject Metrics)
{
    public string Name => $"{JobId} / {Component}";

    /// <summary>Every evaluation component this party recorded in each job, in the jobs' order.</summary>
    public static async Task<IReadOnlyList<EvaluationRun>> LoadAsync(IFlowStore store, int party, IReadOnlyList<string> jobIds, CancellationToken ct = default)
    {
        var runs = new List<EvaluationRun>();
        foreach (var job in jobIds.Distinct())
        {
            var metrics = await store.MetricsAsync(job, ct: ct).ConfigureAwait(false);
            runs.AddRange(metrics.Where(m => m.Task.Party == party && m.Name == EvaluationComponent.TypeName && m.Step is null && m.Value is JsonObject)
                .Select(m => new EvaluationRun(job, m.Task.Component, (JsonObject)m.Value)));
        }
        return runs;
    }
}

/// <summary>Several jobs' evaluations on one chart per curve: ROC, KS (TPR − FPR by threshold), lift and gain, one series each.</summary>
public static class CompareView
{
    public static IReadOnlyList<ViewSection> Sections(IReadOnlyList<EvaluationRun> runs)
    {
        var sections = new List<ViewSection>();
        var roc = runs.Where(r => r.Metrics["roc"] is JsonObject).Select(r => EvaluationView.RocSeries(r.Metrics, r.Name)).ToList();
        if (roc.Count > 0)
        {
            sections.Add(new("ROC", [new FigureBlock(EvaluationView.RocChart(roc, "ROC curves").ToSvg()), Scores(runs)]));
        }
        var ks = runs.Where(r => r.Metrics["ks_curve"] is JsonObject).Select(r => KsGap(r)).ToList();
        if (ks.Count > 0)
        {
            sections.Add(new("KS", [new FigureBlock(new LineChart("KS: TPR − FPR by score threshold", ks) { XTitle = "score threshold", YTitle = "TPR − FPR" }.ToSvg())]));
        }
        var lift = runs.Select(r => EvaluationView.Lift(r.Metrics, r.Name)?.Series[0]).OfType<Series>().ToList();
        if (lift.Count > 0)
        {
            sections.Add(new("Lift", [new FigureBlock(EvaluationView.LiftChart(lift).ToSvg())]));
        }
        var gain = runs.Select(r => EvaluationView.Gain(r.Metrics, r.Name)?.Series[0]).OfType<Series>().ToList();
        if (gain.Count > 0)
        {
            sections.Add(new("Gain", [new FigureBlock(EvaluationView.GainChart(gain).ToSvg())]));
        }
        return sections;
    }

    private static Series KsGap(EvaluationRun run)
    {
        var curve = run.Metrics["ks_curve"]!;
        var tpr = MetricJson.Numbers(curve["tpr"]);
        var fpr = MetricJson.Numbers(curve["fpr"]);
        return Series.Of(run.Name, MetricJson.Numbers(curve["thresholds"]), tpr.Zip(fpr, (t, f) => t - f));
    }

    private static TableBlock Scores(IReadOnlyList<EvaluationRun> runs)
    {
        var names = EvaluationJson.ScalarNames.Where(n => runs.Any(r => r.Metrics[n] is JsonValue)).ToList();
        return new TableBlock(null, ["evaluation", .. names],
            [.. runs.Select(r => (IReadOnlyList<string>)[r.Name, .. names.Select(n => MetricJson.Number(r.Metrics[n]) is double v ? MetricJson.Format(v) : "")])]);
    }
}
