using Concord.Board.Views.Pages;
using Concord.Flow.Dsl;
using Concord.Flow.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Board.Views;

/// <summary>A component's page (metrics, charts and this party's share of its model) and several jobs' curves compared.</summary>
internal static class ChartEndpoints
{
    /// <summary>Jobs one comparison draws at most: more would make the charts unreadable.</summary>
    public const int MaxCompared = 8;

    public static void Map(RouteGroupBuilder board, NodeContext node)
    {
        board.MapGet("/jobs/{jobId}/components/{component}", async (HttpContext http, BoardViews views, string jobId, string component, int? tree, CancellationToken ct) =>
        {
            if (await node.Store.GetJobAsync(jobId, ct) is not { } job)
            {
                return views.Problem(http, StatusCodes.Status404NotFound, "No such job", $"this party has no job {jobId}", BoardPaths.Jobs);
            }
            var names = JobFile.Parse(job.Spec.JobFile, $"job {jobId}", node.Jobs.Party.Catalog.Specs).Components.Select(c => c.Name).ToList();
            if (!names.Contains(component))
            {
                return views.Problem(http, StatusCodes.Status404NotFound, "No such component",
                    $"job {jobId} has no component {component}; its components are {string.Join(", ", names)}", BoardPaths.Job(jobId));
            }
            return views.Page<ComponentPage>(http, BoardViews.JobsSection, new() { ["JobId"] = jobId, ["Component"] = component, ["Tree"] = tree });
        });

        board.MapGet("/compare", async (HttpContext http, BoardViews views, CancellationToken ct) =>
        {
            var ids = http.Request.Query["jobs"].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                .Distinct(StringComparer.Ordinal).ToList();
            if (ids.Count is < 2 or > MaxCompared)
            {
                return views.Problem(http, StatusCodes.Status400BadRequest, "Compare jobs",
                    $"select between 2 and {MaxCompared} jobs to compare; {ids.Count} were selected", BoardPaths.Jobs);
            }
            foreach (var id in ids)
            {
                if (await node.Store.GetJobAsync(id, ct) is null)
                {
                    return views.Problem(http, StatusCodes.Status404NotFound, "No such job", $"this party has no job {id}", BoardPaths.Jobs);
                }
            }
            return views.Page<ComparePage>(http, BoardViews.JobsSection, new() { ["JobIds"] = ids });
        });
    }
}
