using System.Security.Cryptography.X509Certificates;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
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
/// read logs, metrics, the DAG and this party's output tables; list and download models. Each endpoint declares the roles that may call it
/// (<see cref="AllowedRolesExtensions.Allow"/>); <see cref="OperatorAccess"/> identifies the caller and enforces them.
/// </summary>
public static class OperatorApi
{
    public const string Root = "/api/v1";

    /// <summary>Who submits and follows jobs.</summary>
    internal static readonly OperatorRole[] JobRoles = [OperatorRole.Admin, OperatorRole.DataScientist];

    /// <summary>The roles that may follow, stop and resume jobs, for other front ends of the same actions.</summary>
    public static IReadOnlyList<OperatorRole> JobCallers => JobRoles;

    /// <summary>What an error says in place of the store's own description, which names a file or a server.</summary>
    public const string StoreInErrors = "this party's flow store";

    /// <summary>A group under /api/v1 whose handlers' known failures become problem details with their messages.</summary>
    /// <param name="store">The party's store, whose description (a file path, a connection) no error may reveal.</param>
    public static RouteGroupBuilder Group(WebApplication app, IFlowStore store) =>
        app.MapGroup(Root).AddEndpointFilter((context, next) => KnownFailures(context, next, store.Description));

    /// <param name="certificate">This party's federation certificate, with its key: it signs model exports.</param>
    /// <param name="federationCa">The federation CA, which must have issued the certificate of any model imported.</param>
    /// <returns>The group of operator endpoints, for other parts of the API to join.</returns>
    public static RouteGroupBuilder Map(WebApplication app, PartyJobs jobs, JobScheduler scheduler, X509Certificate2 certificate, X509Certificate2 federationCa)
    {
        var api = Group(app, jobs.Party.Store);
        var store = jobs.Party.Store;

        api.MapPost("/jobs", async (SubmitJob request, CancellationToken ct) =>
            Results.Json(new JobSubmitted(await scheduler.SubmitAsync(request.JobFile ?? throw new ArgumentException("the request carries no job file"), request.Source ?? "job file", ct)), ControlJson.Options))
            .WithName("SubmitJob").Allow(JobRoles).Answers<JobSubmitted>();

        api.MapGet("/jobs", async (int? limit, CancellationToken ct) =>
            Results.Json(await store.ListJobsAsync(limit ?? 100, ct: ct), ControlJson.Options))
            .WithName("ListJobs").Allow(JobRoles).Answers<List<JobRecord>>();

        api.MapGet("/jobs/{jobId}", async (string jobId, CancellationToken ct) =>
            Results.Json(new JobView(await RequireJob(store, jobId, ct), await store.TasksAsync(jobId, ct)), ControlJson.Options))
            .WithName("GetJob").Allow(JobRoles).Answers<JobView>();

        api.MapPost("/jobs/{jobId}/stop", async (string jobId, CancellationToken ct) =>
        {
            await scheduler.StopAsync(jobId, ct);
            return Results.Json(await RequireJob(store, jobId, ct), ControlJson.Options);
        }).WithName("StopJob").Allow(JobRoles).Answers<JobRecord>();

        api.MapPost("/jobs/{jobId}/resume", async (string jobId, string? from, CancellationToken ct) =>
            Results.Json(new JobResumed(jobId, await scheduler.ResumeAsync(jobId, from, ct)), ControlJson.Options))
            .WithName("ResumeJob").Allow(JobRoles).Answers<JobResumed>();

        // An unknown job is a 404, not an empty list: a mistyped id must not look like a quiet job.
        api.MapGet("/jobs/{jobId}/logs", async (string jobId, string? component, int? party, long? after, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.LogsAsync(jobId, component, party, after ?? 0, ct: ct), ControlJson.Options);
        }).WithName("GetJobLogs").Allow(JobRoles).Answers<List<LogEntry>>();

        api.MapGet("/jobs/{jobId}/metrics", async (string jobId, string? component, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.MetricsAsync(jobId, component, ct), ControlJson.Options);
        }).WithName("GetJobMetrics").Allow(JobRoles).Answers<List<MetricRecord>>();

        api.MapGet("/jobs/{jobId}/dag", async (string jobId, CancellationToken ct) =>
        {
            var job = JobFile.Parse((await RequireJob(store, jobId, ct)).Spec.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs);
            var tasks = await store.TasksAsync(jobId, ct);
            return Results.Json(job.Components.Select(c => new DagNode(
                c.Name, c.Type, [.. c.Inputs.Select(i => i.ToString())],
                tasks.Where(t => t.Key.Component == c.Name).ToDictionary(t => t.Key.Party, t => t.State))).ToList(), ControlJson.Options);
        }).WithName("GetJobDag").Allow(JobRoles).Answers<List<DagNode>>();

        OutputEndpoints.Map(api, jobs.Party);
        ModelEndpoints.Map(api, store, certificate, new ModelTrust(federationCa, jobs.Party.PartyId), jobs.Party.Audit);
        return api;
    }

    internal static async Task<JobRecord> RequireJob(IFlowStore store, string jobId, CancellationToken ct) =>
        await store.GetJobAsync(jobId, ct) ?? throw new FlowStoreException(FlowStoreError.NotFound, $"no job {jobId}");

    /// <summary>Turns the failures handlers expect into problem details, with the one-line message as the detail.</summary>
    private static async ValueTask<object?> KnownFailures(EndpointFilterInvocationContext context, EndpointFilterDelegate next, string storeDescription)
    {
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (StatusOf(ex) is int status)
        {
            return ApiProblem.Result(status, ex.Message.Replace(storeDescription, StoreInErrors, StringComparison.Ordinal));
        }
    }

    private static int? StatusOf(Exception ex) => ex switch
    {
        JobFileException or ArgumentException => StatusCodes.Status400BadRequest,
        FlowStoreException { Error: FlowStoreError.NotFound } => StatusCodes.Status404NotFound,
        FlowStoreException { Error: FlowStoreError.CorruptFile } => StatusCodes.Status400BadRequest,
        FlowStoreException { Error: FlowStoreError.Unavailable } => StatusCodes.Status503ServiceUnavailable,
        FlowStoreException => StatusCodes.Status409Conflict,
        Serving.ServingException serving => serving.Status,
        // Another party's node refused or could not be reached: the gateway's failure, with that party's words.
        Federation.FederationException => StatusCodes.Status502BadGateway,
        InvalidOperationException => StatusCodes.Status409Conflict,
        _ => null,
    };
}
