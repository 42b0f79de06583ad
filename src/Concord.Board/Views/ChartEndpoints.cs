using Concord.Board.Views.Pages;
using Concord.Flow.Dsl;
using Concord.Flow.Node;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Board.Views;

/// <summary>A component's page: its metrics, charts and this party's share of its model.</summary>
internal static class ChartEndpoints
{
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
    }
}
