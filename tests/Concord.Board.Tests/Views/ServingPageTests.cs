using Bunit;
using Concord.Board.Views;
using Concord.Board.Views.Pages;
using Concord.Flow.Serving;

namespace Concord.Board.Tests.Views;

public class ServingPageTests
{
    [Fact]
    public void Each_deployment_shows_what_it_served_and_one_not_served_since_the_start_says_so()
    {
        using var context = new BunitContext();
        DeploymentView Deployment(string name) => new(name, 2, "model-1", 1, "hetero_lr", "job-1", ["x0"], ["predict_score"], [], 1000, DateTimeOffset.UnixEpoch);

        var page = context.Render<ServingPage>(p => p
            .Add(c => c.Frame, new PageFrame(9999, "operator", new FormToken("token", "t"), BoardViews.ServingSection))
            .Add(c => c.Deployments, [Deployment("credit"), Deployment("idle")])
            .Add(c => c.Stats, new Dictionary<string, ServingStats> { ["credit"] = new(1200, 3, 37.5, 4.2, 18) }));

        var credit = page.Find("tbody tr:first-child");
        Assert.Equal(["1200", "37.5", "4.2 ms", "18.0 ms", "3"], credit.QuerySelectorAll("td[data-stat]").Select(td => td.TextContent));
        Assert.Contains("not served since the node started", page.Find("tbody tr:last-child").TextContent, StringComparison.Ordinal);
    }
}
