using System.Globalization;
using System.Text.Json.Nodes;

namespace Concord.Board.BrowserTests;

/// <summary>The evaluation component's page draws the ROC curve the job stored, point for point.</summary>
[Collection(BoardCollection.Name)]
public class RocChartTests(BoardFederation board)
{
    [BrowserFact]
    public async Task The_ROC_chart_draws_the_points_of_the_stored_evaluation_metric()
    {
        var jobId = await board.FinishedJobAsync();
        using var api = board.Operator();
        var stored = (await api.MetricsAsync(jobId, CancellationToken.None))
            .Single(m => m.Task.Component == BreastJob.Evaluation && m.Task.Party == BreastJob.Guest && m.Value["roc"] is JsonObject)
            .Value["roc"]!;
        var expected = Numbers(stored["fpr"]!).Zip(Numbers(stored["tpr"]!)).ToArray();

        // Reached the way a person reaches it: from the job page's DAG node, not by typing the address.
        var page = await board.SignedInAsync(BoardPaths.Job(jobId));
        await page.ClickAsync($"svg a.dag-node[data-component='{BreastJob.Evaluation}']");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == BoardPaths.Component(jobId, BreastJob.Evaluation));
        var drawn = await page.Locator("path[data-series='ROC'][data-points]").GetAttributeAsync("data-points");

        Assert.NotEmpty(expected);
        Assert.Equal(expected, Points(drawn!));
    }

    private static IEnumerable<double> Numbers(JsonNode array) => array.AsArray().Select(v => v!.GetValue<double>());

    private static (double, double)[] Points(string dataPoints) =>
        [.. dataPoints.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(','))
            .Select(xy => (double.Parse(xy[0], CultureInfo.InvariantCulture), double.Parse(xy[1], CultureInfo.InvariantCulture)))];
}
