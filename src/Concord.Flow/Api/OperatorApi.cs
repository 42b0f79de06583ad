using System.Security.Cryptography.X509Certificates;
using Concord.Flow.Api.Access;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Governance;
using Concord.Flow.Jobs;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Api;

/// <summary>
/// The operator's REST API, served by every node under /api/v1: submit, list, inspect, stop and resume jobs;
/// read logs, metrics and the DAG; list and download models. Each endpoint declares the roles that may call it
/// (<see cref="AllowedRolesExtensions.Allow"/>); <see cref="OperatorAccess"/> identifies the caller and enforces them.
/// </summary>
public static class OperatorApi
{
    public const string Root = "/api/v1";

    /// <summary>Who submits and follows jobs.</summary>
    internal static readonly OperatorRole[] JobRoles = [OperatorRole.Admin, OperatorRole.DataScientist];

    /// <summary>A group under /api/v1 whose handlers' known failures become status codes with their messages.</summary>
    public static RouteGroupBuilder Group(WebApplication app) => app.MapGroup(Root).AddEndpointFilter(KnownFailures);

    /// <param name="certificate">This party's federation certificate, with its key: it signs model exports.</param>
    /// <param name="federationCa">The federation CA, which must have issued the certificate of any model imported.</param>
    /// <returns>The group of operator endpoints, for other parts of the API to join.</returns>
    public static RouteGroupBuilder Map(WebApplication app, PartyJobs jobs, JobScheduler scheduler, X509Certificate2 certificate, X509Certificate2 federationCa)
    {
        var api = Group(app);
        var store = jobs.Party.Store;

        api.MapPost("/jobs", async (SubmitJob request, CancellationToken ct) =>
            Results.Json(new JobSubmitted(await scheduler.SubmitAsync(request.JobFile ?? throw new ArgumentException("the request carries no job file"), request.Source ?? "job file", ct)), ControlJson.Options))
            .WithName("SubmitJob").Allow(JobRoles);

        api.MapGet("/jobs", async (int? limit, CancellationToken ct) =>
            Results.Json(await store.ListJobsAsync(limit ?? 100, ct: ct), ControlJson.Options))
            .WithName("ListJobs").Allow(JobRoles);

        api.MapGet("/jobs/{jobId}", async (string jobId, CancellationToken ct) =>
            Results.Json(new JobView(await RequireJob(store, jobId, ct), await store.TasksAsync(jobId, ct)), ControlJson.Options))
            .WithName("GetJob").Allow(JobRoles);

        api.MapPost("/jobs/{jobId}/stop", async (string jobId, CancellationToken ct) =>
        {
            await scheduler.StopAsync(jobId, ct);
            return Results.Json(await RequireJob(store, jobId, ct), ControlJson.Options);
        }).WithName("StopJob").Allow(JobRoles);

        api.MapPost("/jobs/{jobId}/resume", async (string jobId, string? from, CancellationToken ct) =>
            Results.Json(new JobResumed(jobId, await scheduler.ResumeAsync(jobId, from, ct)), ControlJson.Options))
            .WithName("ResumeJob").Allow(JobRoles);

        // An unknown job is a 404, not an empty list: a mistyped id must not look like a quiet job.
        api.MapGet("/jobs/{jobId}/logs", async (string jobId, string? component, int? party, long? after, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.LogsAsync(jobId, component, party, after ?? 0, ct: ct), ControlJson.Options);
        }).WithName("GetJobLogs").Allow(JobRoles);

        api.MapGet("/jobs/{jobId}/metrics", async (string jobId, string? component, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.MetricsAsync(jobId, component, ct), ControlJson.Options);
        }).WithName("GetJobMetrics").Allow(JobRoles);

        api.MapGet("/jobs/{jobId}/dag", async (string jobId, CancellationToken ct) =>
        {
            var job = JobFile.Parse((await RequireJob(store, jobId, ct)).Spec.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs);
            var tasks = await store.TasksAsync(jobId, ct);
            return Results.Json(job.Components.Select(c => new DagNode(
                c.Name, c.Type, [.. c.Inputs.Select(i => i.ToString())],
                tasks.Where(t => t.Key.Component == c.Name).ToDictionary(t => t.Key.Party, t => t.State))).ToList(), ControlJson.Options);
        }).WithName("GetJobDag").Allow(JobRoles);

        ModelEndpoints.Map(api, store, certificate, new ModelTrust(federationCa, jobs.Party.PartyId), jobs.Party.Audit);
        return api;
    }

    private static async Task<JobRecord> RequireJob(IFlowStore store, string jobId, CancellationToken ct) =>
        await store.GetJobAsync(jobId, ct) ?? throw new FlowStoreException(FlowStoreError.NotFound, $"{store.Description} has no job {jobId}");

    /// <summary>Turns the failures handlers expect into status codes, with the one-line message as the body.</summary>
    private static async ValueTask<object?> KnownFailures(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (JobFileException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (FlowStoreException ex) when (ex.Error == FlowStoreError.NotFound)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status404NotFound);
        }
        catch (ArgumentException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status400BadRequest);
        }
        catch (Serving.ServingException ex)
        {
            return Results.Text(ex.Message, statusCode: ex.Status);
        }
        catch (Federation.FederationException ex)
        {
            // Another party's node refused or could not be reached: the gateway's failure, with that party's words.
            return Results.Text(ex.Message, statusCode: StatusCodes.Status502BadGateway);
        }
        catch (InvalidOperationException ex)
        {
            return Results.Text(ex.Message, statusCode: StatusCodes.Status409Conflict);
        }
    }
}
