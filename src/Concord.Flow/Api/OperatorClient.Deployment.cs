using Concord.Flow.Deployment;
using Concord.Flow.Store;

namespace Concord.Flow.Api;

/// <summary>Deployed pipelines through the guest's API: what <c>concord job deploy</c> and <c>concord job predict</c> call.</summary>
public sealed partial class OperatorClient
{
    public Task<DeployedPipeline> DeployAsync(DeployRequest request, CancellationToken ct) =>
        _node.SendAsync<DeployedPipeline>(HttpMethod.Post, $"{OperatorApi.Root}/deployments", request, ct);

    public Task<List<ModelInfo>> ListDeploymentsAsync(CancellationToken ct) =>
        _node.SendAsync<List<ModelInfo>>(HttpMethod.Get, $"{OperatorApi.Root}/deployments", null, ct);

    /// <summary>Starts the deployment's predict job on new rows; follow it with <see cref="WaitAsync"/>.</summary>
    public Task<PipelineJob> PredictWithAsync(string deployment, PipelinePredict request, CancellationToken ct) =>
        _node.SendAsync<PipelineJob>(HttpMethod.Post, $"{OperatorApi.Root}/deployments/{Uri.EscapeDataString(deployment)}/predict", request, ct);
}
