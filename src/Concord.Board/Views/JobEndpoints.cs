using Concord.Board.Access;
using Concord.Board.Live;
using Concord.Board.Views.Pages;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Node;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Board.Views;

/// <summary>The jobs list, the job page with its live events, and the stop, resume and rerun actions with their confirmations.</summary>
internal static class JobEndpoints
{
    private static readonly string[] Actions = ["stop", "resume", "rerun"];

    public static void Map(RouteGroupBuilder board, NodeContext node)
    {
        var store = node.Store;
        board.MapGet("/", () => Results.Redirect(BoardPaths.Jobs));

        board.MapGet("/jobs", async (HttpContext http, BoardViews views, string? state, string? q, int? page, CancellationToken ct) =>
        {
            TaskState? filter = ParseState(state);
            var number = Math.Max(1, page ?? 1);
            var search = string.IsNullOrWhiteSpace(q) ? null : q.Trim();
            var jobs = await store.PageJobsAsync(new JobQuery((number - 1) * JobsPage.PageSize, JobsPage.PageSize, filter, search), ct);
            return views.Page<JobsPage>(http, BoardViews.JobsSection, new()
            {
                ["Page"] = jobs,
                ["PageNumber"] = number,
                ["State"] = filter,
                ["Search"] = search,
                ["Now"] = DateTimeOffset.UtcNow,
            });
        });

        board.MapGet("/jobs/{jobId}", async (HttpContext http, BoardViews views, string jobId, CancellationToken ct) =>
        {
            if (await store.GetJobAsync(jobId, ct) is not { } job)
            {
                return NoJob(http, views, jobId);
            }
            var canAct = OperatorApi.JobCallers.Contains(BoardGate.SessionOf(http).Identity.Role);
            var detail = await JobDetails.ReadAsync(store, job, Definition(node, job), canAct, ct);
            return views.Page<JobDetailPage>(http, BoardViews.JobsSection, new() { ["Detail"] = detail, ["Now"] = DateTimeOffset.UtcNow });
        });

        board.MapGet("/jobs/{jobId}/events", async (HttpContext http, BoardViews views, string jobId, long? after, CancellationToken ct) =>
        {
            if (await store.GetJobAsync(jobId, ct) is not { } job)
            {
                return NoJob(http, views, jobId);
            }
            var resume = long.TryParse(http.Request.Headers["Last-Event-ID"], out var last) ? last : after ?? 0;
            await new JobEventStream(store, Definition(node, job), jobId).RunAsync(http.Response, resume, ct);
            return Results.Empty;
        });

        board.MapGet("/jobs/{jobId}/{action}", async (HttpContext http, BoardViews views, string jobId, string action, CancellationToken ct) =>
        {
            if (!Actions.Contains(action))
            {
                return views.Problem(http, StatusCodes.Status404NotFound, "Not found", $"the board has no page {http.Request.Path}", BoardPaths.Job(jobId));
            }
            if (await store.GetJobAsync(jobId, ct) is not { } job)
            {
                return NoJob(http, views, jobId);
            }
            var (question, components) = action switch
            {
                "stop" => ($"Stop job {jobId} at every party? Its running tasks are canceled; you can resume it later.", (IReadOnlyList<string>)[]),
                "resume" => ($"Resume job {jobId}? Components that succeeded at every party keep their outputs; the rest run again, from their last checkpoint where they have one.", []),
                _ => ($"Rerun job {jobId} from a component? That component and everything downstream of it run again, even where they succeeded.",
                    [.. Definition(node, job).Components.Select(c => c.Name)]),
            };
            return views.Page<ConfirmPage>(http, BoardViews.JobsSection, new()
            {
                ["JobId"] = jobId,
                ["Action"] = action,
                ["Question"] = question,
                ["Components"] = components,
            });
        });

        board.MapPost("/jobs/{jobId}/{action}", async (HttpContext http, BoardViews views, string jobId, string action, CancellationToken ct) =>
        {
            if (await views.RefuseForgeryAsync(http) is IResult forged)
            {
                return forged;
            }
            var session = BoardGate.SessionOf(http);
            if (!OperatorApi.JobCallers.Contains(session.Identity.Role))
            {
                return views.Problem(http, StatusCodes.Status403Forbidden, "Not allowed", $"{session.Identity} may not stop, resume or rerun jobs", BoardPaths.Job(jobId));
            }
            var form = await http.Request.ReadFormAsync(ct);
            try
            {
                switch (action)
                {
                    case "stop":
                        await node.Scheduler.StopAsync(jobId, ct);
                        break;
                    case "resume":
                        await node.Scheduler.ResumeAsync(jobId, null, ct);
                        break;
                    case "rerun":
                        var from = form["from"].ToString();
                        await node.Scheduler.ResumeAsync(jobId, from.Length == 0 ? throw new ArgumentException("a rerun needs the component to start from") : from, ct);
                        break;
                    default:
                        return views.Problem(http, StatusCodes.Status404NotFound, "Not found", $"the board has no action {action}", BoardPaths.Job(jobId));
                }
            }
            catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JobFileException or FlowStoreException or Federation.FederationException)
            {
                return views.Problem(http, StatusCodes.Status409Conflict, $"Could not {action} job {jobId}", ex.Message.Replace(store.Description, OperatorApi.StoreInErrors, StringComparison.Ordinal), BoardPaths.Job(jobId));
            }
            return Results.Redirect(BoardPaths.Job(jobId));
        });
    }

    private static JobDefinition Definition(NodeContext node, JobRecord job) =>
        JobFile.Parse(job.Spec.JobFile, $"job {job.JobId}", node.Jobs.Party.Catalog.Specs);

    private static IResult NoJob(HttpContext http, BoardViews views, string jobId) =>
        views.Problem(http, StatusCodes.Status404NotFound, "No such job", $"this party has no job {jobId}", BoardPaths.Jobs);

    private static TaskState? ParseState(string? state) =>
        Enum.GetValues<TaskState>().Cast<TaskState?>().FirstOrDefault(s => BoardPaths.StateName(s!.Value) == state);
}
