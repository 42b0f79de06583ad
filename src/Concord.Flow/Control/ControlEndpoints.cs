using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Control;

/// <summary>
/// What nodes ask of each other, over mutual TLS: the initiator starts, watches and cancels each party's
/// part of a job. Only a job's initiator (its guest) or the operator may do so.
/// </summary>
internal static class ControlEndpoints
{
    public static void Map(WebApplication app, PartyJobs jobs, Action requestShutdown)
    {
        app.MapGet(ControlPaths.Health, () => Results.Json(true));

        app.MapPost(ControlPaths.Shutdown, async (HttpContext http) =>
        {
            if (!(await Caller.OfAsync(http)).IsOperator)
            {
                return Results.Text("only the operator may shut a node down", statusCode: StatusCodes.Status403Forbidden);
            }
            requestShutdown();
            return Results.Json(true);
        });

        app.MapPost(ControlPaths.JobStartRoute, async (HttpContext http, string jobId, JobStart start) =>
        {
            if (start.JobId != jobId)
            {
                return Results.Text($"the path names job {jobId} but the body job {start.JobId}", statusCode: StatusCodes.Status400BadRequest);
            }
            try
            {
                var initiator = JobFile.Parse(start.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs).Roster.Guest;
                if (await RefuseAsync(http, initiator) is IResult refused)
                {
                    return refused;
                }
                await jobs.StartAsync(start, http.RequestAborted);
                return Results.Json(true);
            }
            catch (Exception ex) when (ex is JobFileException or ArgumentException or InvalidOperationException)
            {
                return Results.Text($"party {jobs.Party.PartyId} refused job {jobId}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        });

        app.MapGet(ControlPaths.JobTasksRoute, async (HttpContext http, string jobId) =>
            await RefuseUnlessInitiatorAsync(http, jobs, jobId)
            ?? Results.Json(await jobs.TasksAsync(jobId, http.RequestAborted), ControlJson.Options));

        app.MapGet(ControlPaths.JobCheckpointsRoute, async (HttpContext http, string jobId) =>
            await RefuseUnlessInitiatorAsync(http, jobs, jobId)
            ?? Results.Json(await jobs.CheckpointsAsync(jobId, http.RequestAborted), ControlJson.Options));

        app.MapPost(ControlPaths.JobCancelRoute, async (HttpContext http, string jobId) =>
        {
            if (await RefuseUnlessInitiatorAsync(http, jobs, jobId) is IResult refused)
            {
                return refused;
            }
            await jobs.CancelAsync(jobId, http.RequestAborted);
            return Results.Json(true);
        });
    }

    private static async Task<IResult?> RefuseUnlessInitiatorAsync(HttpContext http, PartyJobs jobs, string jobId)
    {
        var record = await jobs.Party.Store.GetJobAsync(jobId, http.RequestAborted);
        return record is null
            ? Results.Text($"party {jobs.Party.PartyId} has no job {jobId}", statusCode: StatusCodes.Status404NotFound)
            : await RefuseAsync(http, record.Spec.Initiator);
    }

    internal static async Task<IResult?> RefuseAsync(HttpContext http, int initiator)
    {
        var caller = await Caller.OfAsync(http);
        return caller.IsOperator || caller.PartyId == initiator
            ? null
            : Results.Text($"only the job's initiator, party {initiator}, may do this (the caller is {(caller.PartyId is int p ? $"party {p}" : "anonymous")})", statusCode: StatusCodes.Status403Forbidden);
    }
}
