using System.Text.Json.Nodes;
using Bunit;
using Concord.Board.Tests.Charts;
using Concord.Board.Views.Components;
using Concord.Flow.Components;
using Concord.ML.Evaluation;

namespace Concord.Board.Tests.Views;

public class ComponentDetailEvaluationTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A real binary evaluation: scores that lean towards the label, as a model's do, of 600 seeded rows.</summary>
    internal static JsonObject Evaluation(int seed, int rows = 600)
    {
        var random = new Random(seed);
        var labels = Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray();
        var metrics = EvaluationJson.Binary(BinaryMetrics.Evaluate([.. labels.Select(l => (0.3 * l) + (0.7 * random.NextDouble()))], labels));
        metrics["eval_type"] = "binary";
        metrics["rows"] = rows;
        return metrics;
    }

    private static async Task<GuestPage> GuestPageAsync(JsonObject metrics)
    {
        var board = await BoardStore.OpenAsync();
        await board.PutAsync("evaluation_0", BoardStore.Guest, "guest", "evaluation", metrics);
        var context = board.Context(BoardStore.Guest);
        return new GuestPage(board, context, BoardStore.Detail(context, "evaluation_0"));
    }

    private sealed record GuestPage(BoardStore Board, BunitContext Context, IRenderedComponent<ComponentDetail> Page) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Context.DisposeAsync();
            await Board.DisposeAsync();
        }
    }

    [Fact]
    public async Task The_roc_path_draws_exactly_the_stored_points()
    {
        await using var guest = await GuestPageAsync(Evaluation(seed: 3));
        var (board, page) = (guest.Board, guest.Page);

        var roc = page.WaitForElement("path[data-series='ROC']", Timeout);
        var stored = (await board.Store.MetricsAsync(BoardStore.JobId, "evaluation_0")).Single().Value;
        var fpr = stored["roc"]!["fpr"]!.AsArray().Select(v => v!.GetValue<double>());
        var tpr = stored["roc"]!["tpr"]!.AsArray().Select(v => v!.GetValue<double>());
        Assert.Equal(fpr.Zip(tpr), SvgMarkup.Points(roc.GetAttribute("data-points")!));
        Assert.Equal(EvaluationJson.MaxCurvePoints, SvgMarkup.Points(roc.GetAttribute("data-points")!).Length);
    }

    [Fact]
    public async Task An_evaluation_page_has_every_curve_the_confusion_matrix_and_the_scores()
    {
        var metrics = Evaluation(seed: 5);
        await using var guest = await GuestPageAsync(metrics);
        var page = guest.Page;

        page.WaitForElement("svg.chart-heatmap", Timeout);
        Assert.Equal(["Scores", "ROC", "KS", "Lift", "Gain", "Precision-recall", "Confusion matrix"], page.FindAll("section.view-section > h3").Select(h => h.TextContent));
        var ks = page.Find("path[data-series='true positive rate']");
        Assert.Equal(metrics["ks_curve"]!["tpr"]!.AsArray().Count - 1, SvgMarkup.Points(ks.GetAttribute("data-points")!).Length);
        var gap = page.Find("g.gap");
        Assert.Equal(metrics["ks"]!.GetValue<double>(), SvgMarkup.Number(gap.GetAttribute("data-y2")!) - SvgMarkup.Number(gap.GetAttribute("data-y1")!), 12);
        Assert.Equal(metrics["ks_threshold"]!.GetValue<double>(), SvgMarkup.Number(gap.GetAttribute("data-x")!));
        var matrix = metrics["confusion_matrix"]!["matrix"]!.AsArray().SelectMany(r => r!.AsArray().Select(v => v!.GetValue<double>()));
        Assert.Equal(matrix, page.FindAll("rect[data-row]").Select(r => SvgMarkup.Number(r.GetAttribute("data-value")!)));
        Assert.Contains(PrecisionRecallCurve.Derivation, page.Markup, StringComparison.Ordinal);
        var auc = page.FindAll("table.metric-table tr").Single(r => r.Children[0].TextContent == "auc").Children[1].TextContent;
        Assert.Equal(metrics["auc"]!.GetValue<double>(), SvgMarkup.Number(auc), 5);
    }

    [Fact]
    public void Precision_recall_points_follow_from_the_roc_points_and_the_class_totals()
    {
        var metrics = Evaluation(seed: 7);
        var confusion = metrics["confusion_matrix"]!["matrix"]!.AsArray();
        var positives = confusion[1]!.AsArray().Sum(v => v!.GetValue<double>());
        var negatives = confusion[0]!.AsArray().Sum(v => v!.GetValue<double>());

        var curve = PrecisionRecallCurve.From(metrics, "pr")!;

        // Only the ROC origin, where nothing is predicted positive, has no precision.
        Assert.Equal(metrics["roc"]!["fpr"]!.AsArray().Count - 1, curve.Points.Count);
        Assert.Equal(600, positives + negatives);
        Assert.All(curve.Points, p => Assert.InRange(p.Y, 0, 1));
        Assert.Equal(1.0, curve.Points[^1].X);
        Assert.Equal(positives / (positives + negatives), curve.Points[^1].Y, 12);
    }

    [Fact]
    public async Task A_party_sees_only_its_own_metrics_and_is_told_when_it_holds_none()
    {
        await using var board = await BoardStore.OpenAsync();
        await board.PutAsync("evaluation_0", BoardStore.Guest, "guest", "evaluation", Evaluation(seed: 3));
        await board.PutAsync("statistics_0", BoardStore.Host, "host", "statistics", new JsonObject { ["secret"] = "host only" });
        using var context = board.Context(BoardStore.Host);

        var evaluation = BoardStore.Detail(context, "evaluation_0");
        var statistics = BoardStore.Detail(context, "statistics_0");

        evaluation.WaitForElement("p.empty", Timeout);
        Assert.Contains("Party 10000 holds no metrics and no model of evaluation_0", evaluation.Markup, StringComparison.Ordinal);
        Assert.Empty(evaluation.FindAll("svg"));
        statistics.WaitForElement("table.metric-table", Timeout);
        Assert.Contains("host only", statistics.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_of_an_unexpected_shape_fall_back_to_tables_instead_of_failing_the_page()
    {
        var odd = new JsonObject { ["auc"] = 0.5, ["roc"] = new JsonArray(1, 2), ["confusion_matrix"] = "none", ["loss"] = "high", ["validation"] = new JsonArray("x") };
        await using var board = await BoardStore.OpenAsync();
        await board.PutAsync("evaluation_0", BoardStore.Guest, "guest", "evaluation", odd);
        await board.PutAsync("hetero_lr_0", BoardStore.Guest, "guest", "hetero_lr", odd, model: [1, 2, 3]);
        using var context = board.Context(BoardStore.Guest);

        var evaluation = BoardStore.Detail(context, "evaluation_0");
        var linear = BoardStore.Detail(context, "hetero_lr_0");

        evaluation.WaitForElement("table.metric-table", Timeout);
        Assert.Empty(evaluation.FindAll("path[data-series]"));
        linear.WaitForElement("p.note", Timeout);
        Assert.Contains("could not be read as this party's share of a linear model", linear.Markup, StringComparison.Ordinal);
        Assert.Contains("high", linear.Markup, StringComparison.Ordinal);
    }
}
