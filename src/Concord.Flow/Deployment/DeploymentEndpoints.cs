using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Deployment;

/// <summary>
/// Deployed pipelines on a node. For operators: deploy a training job, list deployments, predict with one (a job).
/// For the guest's node, over mutual TLS: a party's part of a deploy.
/// </summary>
internal static class DeploymentEndpoints
{
    public static void MapApi(RouteGroupBuilder api, PipelineDeployer deployer, IFlowStore store)
    {
        api.MapPost("/deployments", async (DeployRequest request, CancellationToken ct) =>
            Results.Json(await deployer.DeployAsync(request, ct), ControlJson.Options))
            .WithName("DeployPipeline").Allow(OperatorApi.JobRoles).Answers<DeployedPipeline>();

        api.MapGet("/deployments", async (CancellationToken ct) =>
            Results.Json((await store.ListModelsAsync(ct: ct)).Where(m => m.ComponentType == PipelineBundle.ComponentType).ToList(), ControlJson.Options))
            .WithName("ListDeployments").Allow(OperatorApi.JobRoles).Answers<List<ModelInfo>>();

        api.MapPost("/deployments/{name}/predict", async (string name, PipelinePredict request, CancellationToken ct) =>
            Results.Json(await deployer.PredictAsync(name, request, ct), ControlJson.Options))
            .WithName("PredictWithPipeline").Allow(OperatorApi.JobRoles).Answers<PipelineJob>();
    }

    public static void MapControl(WebApplication app, PipelineDeployer deployer, int self)
    {
        app.MapPost(ControlPaths.DeploymentBundleRoute, async (HttpContext http, string name) =>
        {
            if ((await Caller.OfAsync(http)).PartyId is not int caller)
            {
                return Results.Text("a deploy needs the guest's party certificate", statusCode: StatusCodes.Status403Forbidden);
            }
            try
            {
                var request = await BoundedBody.ReadJsonAsync<BundleRequest>(http.Request, 1 << 20, "a deploy request", http.RequestAborted);
                if (request is null)
                {
                    return Results.Text($"party {self}: the deploy request is over 1 MiB", statusCode: StatusCodes.Status413PayloadTooLarge);
                }
                return request.Name == name
                    ? Results.Json(await deployer.BundleAsync(request, caller, http.RequestAborted))
                    : Results.Text($"the path names deployment {name} but the body {request.Name}", statusCode: StatusCodes.Status400BadRequest);
            }
            catch (UnauthorizedAccessException ex)
            {
                return Results.Text(ex.Message, statusCode: StatusCodes.Status403Forbidden);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidDataException or Dsl.JobFileException or FlowStoreException)
            {
                return Results.Text($"party {self}: {ex.Message}", statusCode: StatusCodes.Status400BadRequest);
            }
        });
    }
}
