using Bunit;
using Concord.Board.Tests.Charts;
using Concord.Board.Views.Components;

namespace Concord.Board.Tests.Views;

public class CompareCurvesTests
{
    [Fact]
    public async Task Two_jobs_roc_curves_share_one_chart_one_series_each()
    {
        await using var board = await BoardStore.OpenAsync("job-a", "job-b", "job-c");
        var a = ComponentDetailEvaluationTests.Evaluation(seed: 1);
        var b = ComponentDetailEvaluationTests.Evaluation(seed: 2);
        await board.PutAsync("evaluation_0", BoardStore.Guest, "guest", "evaluation", a, jobId: "job-a");
        await board.PutAsync("evaluation_0", BoardStore.Guest, "guest", "evaluation", b, jobId: "job-b");
        using var context = board.Context(BoardStore.Guest);

        var page = context.Render<CompareCurves>(p => p.Add(c => c.JobIds, ["job-a", "job-b", "job-c"]));

        page.WaitForElement("svg.chart-line", TimeSpan.FromSeconds(30));
        var roc = page.FindAll("svg").First(s => s.GetAttribute("aria-label") == "ROC curves");
        var paths = roc.QuerySelectorAll("path[data-points]").ToDictionary(p => p.GetAttribute("data-series")!, p => SvgMarkup.Points(p.GetAttribute("data-points")!));
        Assert.Equal(["job-a / evaluation_0", "job-b / evaluation_0"], paths.Keys);
        foreach (var (name, metrics) in new[] { ("job-a / evaluation_0", a), ("job-b / evaluation_0", b) })
        {
            var stored = metrics["roc"]!["fpr"]!.AsArray().Select(v => v!.GetValue<double>()).Zip(metrics["roc"]!["tpr"]!.AsArray().Select(v => v!.GetValue<double>()));
            Assert.Equal(stored, paths[name]);
        }
        Assert.Equal(2, roc.QuerySelectorAll("g.legend-item").Length);
        Assert.Equal(["ROC", "KS", "Lift", "Gain"], page.FindAll("section.view-section > h3").Select(h => h.TextContent));
        Assert.Contains("No evaluation of job-c at party 9999.", page.Markup, StringComparison.Ordinal);
    }
}
