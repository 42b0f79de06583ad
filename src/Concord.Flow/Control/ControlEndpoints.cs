using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Control;

/// <summary>
/// What nodes ask of each other, over mutual TLS: the initiator starts, watches and cancels each party's
/// part of a job. Only a job's initiator (its guest) or the operator may do so; anonymous callers learn nothing.
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

        app.MapPost(ControlPaths.JobStartRoute, (HttpContext http, string jobId) => OnJobStartAsync(http, jobs, jobId, async (start, sender) =>
        {
            await jobs.StartAsync(start, sender, http.RequestAborted);
            return Results.Json(true);
        }));

        // Before starting a job anywhere, its initiator asks each party for its consent (grants, approval).
        app.MapPost(ControlPaths.JobConsentRoute, (HttpContext http, string jobId) => OnJobStartAsync(http, jobs, jobId, async (start, sender) =>
            Results.Json(await jobs.ConsentAsync(start, sender, http.RequestAborted), ControlJson.Options)));

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

    /// <summary>A job start, or a request for consent to one: the caller, the body and its job id checked alike.</summary>
    private static async Task<IResult> OnJobStartAsync(HttpContext http, PartyJobs jobs, string jobId, Func<JobStart, int?, Task<IResult>> handle)
    {
        var caller = await Caller.OfAsync(http);
        if (caller.PartyId is null && !caller.IsOperator)
        {
            jobs.Party.Log($"[{jobId}] refused a job start from a caller without a party certificate");
            return Anonymous();
        }
        try
        {
            if (await ReadStartAsync(http, jobs.Party.Admission.Limits) is not JobStart start)
            {
                return Results.Text($"party {jobs.Party.PartyId} refused job {jobId}: the start is over {StartBodyLimit(jobs.Party.Admission.Limits) / 1024} KiB", statusCode: StatusCodes.Status413PayloadTooLarge);
            }
            if (start.JobId != jobId)
            {
                return Results.Text($"the path names job {jobId} but the body job {start.JobId}", statusCode: StatusCodes.Status400BadRequest);
            }
            return await handle(start, caller.IsOperator ? null : caller.PartyId);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or Governance.JobRefusedException)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
        }
        catch (Exception ex) when (ex is JobFileException or ArgumentException or InvalidOperationException or InvalidDataException)
        {
            return Results.Text($"party {jobs.Party.PartyId} refused job {jobId}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>
    /// The caller is checked before the job is looked up, and a party that did not start the job hears the same
    /// whether or not it exists, so the answers tell nobody else which job ids a node holds.
    /// </summary>
    private static async Task<IResult?> RefuseUnlessInitiatorAsync(HttpContext http, PartyJobs jobs, string jobId)
    {
        var caller = await Caller.OfAsync(http);
        if (caller.PartyId is null && !caller.IsOperator)
        {
            return Anonymous();
        }
        var record = await jobs.Party.Store.GetJobAsync(jobId, http.RequestAborted);
        if (caller.IsOperator)
        {
            return record is null ? Results.Text($"party {jobs.Party.PartyId} has no job {jobId}", statusCode: StatusCodes.Status404NotFound) : null;
        }
        return record is not null && record.Spec.Initiator == caller.PartyId
            ? null
            : Results.Text($"party {caller.PartyId} started no job {jobId} at party {jobs.Party.PartyId}; only a job's initiator may ask about it", statusCode: StatusCodes.Status403Forbidden);
    }

    private static IResult Anonymous() =>
        Results.Text("the control endpoints need a party's certificate", statusCode: StatusCodes.Status403Forbidden);

    /// <summary>The body, read only up to what a job file within this node's limits can take; null for a body over it.</summary>
    private static Task<JobStart?> ReadStartAsync(HttpContext http, JobLimits limits) =>
        BoundedBody.ReadJsonAsync<JobStart>(http.Request, StartBodyLimit(limits), "a job start", http.RequestAborted);

    /// <summary>The job file travels inside JSON, where escaping can make it a few times longer.</summary>
    private static long StartBodyLimit(JobLimits limits) => (limits.MaxFileKilobytes * 1024L * 6) + (64 * 1024);
}
