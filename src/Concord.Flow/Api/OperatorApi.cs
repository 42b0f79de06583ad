using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Api;

/// <summary>
/// The operator's REST API, served by every node under /api/v1: submit, list, inspect, stop and resume jobs;
/// read logs, metrics and the DAG; list and download models. Callers present the operator certificate or
/// the node's operator token.
/// </summary>
public static class OperatorApi
{
    public const string Root = "/api/v1";

    /// <returns>The group of operator endpoints, for other parts of the API to join.</returns>
    public static RouteGroupBuilder Map(WebApplication app, PartyJobs jobs, JobScheduler scheduler, string operatorToken)
    {
        var api = app.MapGroup(Root).AddEndpointFilter(new OperatorOnly(operatorToken, new OperatorSignIns(jobs.Party.Audit)).InvokeAsync);
        var store = jobs.Party.Store;

        api.MapPost("/jobs", async (SubmitJob request, CancellationToken ct) =>
            Results.Json(new JobSubmitted(await scheduler.SubmitAsync(request.JobFile, request.Source ?? "job file", ct)), ControlJson.Options))
            .WithName("SubmitJob");

        api.MapGet("/jobs", async (int? limit, CancellationToken ct) =>
            Results.Json(await store.ListJobsAsync(limit ?? 100, ct: ct), ControlJson.Options))
            .WithName("ListJobs");

        api.MapGet("/jobs/{jobId}", async (string jobId, CancellationToken ct) =>
            Results.Json(new JobView(await RequireJob(store, jobId, ct), await store.TasksAsync(jobId, ct)), ControlJson.Options))
            .WithName("GetJob");

        api.MapPost("/jobs/{jobId}/stop", async (string jobId, CancellationToken ct) =>
        {
            await scheduler.StopAsync(jobId, ct);
            return Results.Json(await RequireJob(store, jobId, ct), ControlJson.Options);
        }).WithName("StopJob");

        api.MapPost("/jobs/{jobId}/resume", async (string jobId, string? from, CancellationToken ct) =>
            Results.Json(new JobResumed(jobId, await scheduler.ResumeAsync(jobId, from, ct)), ControlJson.Options))
            .WithName("ResumeJob");

        // An unknown job is a 404, not an empty list: a mistyped id must not look like a quiet job.
        api.MapGet("/jobs/{jobId}/logs", async (string jobId, string? component, int? party, long? after, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.LogsAsync(jobId, component, party, after ?? 0, ct: ct), ControlJson.Options);
        }).WithName("GetJobLogs");

        api.MapGet("/jobs/{jobId}/metrics", async (string jobId, string? component, CancellationToken ct) =>
        {
            await RequireJob(store, jobId, ct);
            return Results.Json(await store.MetricsAsync(jobId, component, ct), ControlJson.Options);
        }).WithName("GetJobMetrics");

        api.MapGet("/jobs/{jobId}/dag", async (string jobId, CancellationToken ct) =>
        {
            var job = JobFile.Parse((await RequireJob(store, jobId, ct)).Spec.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs);
            var tasks = await store.TasksAsync(jobId, ct);
            return Results.Json(job.Components.Select(c => new DagNode(
                c.Name, c.Type, [.. c.Inputs.Select(i => i.ToString())],
                tasks.Where(t => t.Key.Component == c.Name).ToDictionary(t => t.Key.Party, t => t.State))).ToList(), ControlJson.Options);
        }).WithName("GetJobDag");

        api.MapGet("/models", async (string? modelId, CancellationToken ct) =>
            Results.Json(await store.ListModelsAsync(modelId, ct), ControlJson.Options))
            .WithName("ListModels");

        api.MapGet("/models/{modelId}/export", async (string modelId, int? version, CancellationToken ct) =>
        {
            var file = Path.Combine(Path.GetTempPath(), $"concord-model-{Guid.NewGuid():N}.json");
            var exported = await store.ExportModelAsync(modelId, version, file, ct);
            var bytes = await File.ReadAllBytesAsync(file, ct);
            File.Delete(file);
            await jobs.Party.Audit.AppendAsync(new AuditEvent(AuditKinds.ModelExported, $"{exported.ModelId} v{exported.Version}")
            {
                JobId = exported.JobId,
                Bytes = bytes.Length,
                Digest = exported.Sha256,
                Actor = "operator",
            }, ct);
            return Results.File(bytes, "application/json", $"{modelId}.model.json");
        }).WithName("ExportModel");
        return api;
    }

    private static async Task<JobRecord> RequireJob(IFlowStore store, string jobId, CancellationToken ct) =>
        await store.GetJobAsync(jobId, ct) ?? throw new FlowStoreException(FlowStoreError.NotFound, $"{store.Description} has no job {jobId}");

    /// <summary>Lets through the operator's certificate or token, and turns known failures into status codes.</summary>
    private sealed class OperatorOnly(string token, OperatorSignIns signIns)
    {
        public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
        {
            var http = context.HttpContext;
            var caller = await Control.Caller.OfAsync(http);
            var byToken = !caller.IsOperator && OperatorToken.Matches(token, http.Request.Headers[OperatorToken.Header]);
            if (!caller.IsOperator && !byToken)
            {
                signIns.Refused(http, caller);
                return Results.Text("the operator API needs the operator certificate or the node's operator token", statusCode: StatusCodes.Status401Unauthorized);
            }
            signIns.Accepted(http, byToken ? "operator token" : "operator certificate");
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
            catch (InvalidOperationException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status409Conflict);
            }
        }
    }
}
