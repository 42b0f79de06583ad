using System.Text.Json.Nodes;
using Concord.Flow.Serving;

namespace Concord.Flow.Api;

/// <summary>Online serving through the guest's API: what <c>concord serving ...</c> and the serving bench call.</summary>
public sealed partial class OperatorClient
{
    public Task<DeploymentView> DeployServingAsync(ServingDeploy deploy, CancellationToken ct) =>
        _node.SendAsync<DeploymentView>(HttpMethod.Post, $"{OperatorApi.Root}/serving", deploy, ct);

    public Task<List<DeploymentView>> ListServingAsync(CancellationToken ct) =>
        _node.SendAsync<List<DeploymentView>>(HttpMethod.Get, $"{OperatorApi.Root}/serving", null, ct);

    public Task<bool> UndeployServingAsync(string name, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Delete, $"{OperatorApi.Root}/serving/{Uri.EscapeDataString(name)}", null, ct);

    /// <summary>Scores rows through a deployment; <paramref name="body"/> is the one-row or the rows form of the request.</summary>
    public Task<PredictAnswer> PredictAsync(string name, JsonObject body, CancellationToken ct) =>
        _node.SendAsync<PredictAnswer>(HttpMethod.Post, PredictPath(name), body, ct);

    public static string PredictPath(string name) => $"{OperatorApi.Root}/serving/{Uri.EscapeDataString(name)}/predict";
}
