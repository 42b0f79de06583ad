namespace Concord.Flow.Control;

public static class ControlPaths
{
    public const string Health = "/control/v1/health";
    public const string Shutdown = "/control/v1/shutdown";

    public const string JobStartRoute = "/control/v1/party-jobs/{jobId}/start";
    public const string JobTasksRoute = "/control/v1/party-jobs/{jobId}/tasks";
    public const string JobCancelRoute = "/control/v1/party-jobs/{jobId}/cancel";
    public const string JobCheckpointsRoute = "/control/v1/party-jobs/{jobId}/checkpoints";
    public const string JobConsentRoute = "/control/v1/party-jobs/{jobId}/consent";

    public const string DeploymentBundleRoute = "/control/v1/deployments/{name}/bundle";

    public static string DeploymentBundle(string name) => DeploymentBundleRoute.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal);

    public const string ServingLoadRoute = "/control/v1/serving/{name}/load";
    public const string ServingAskRoute = "/control/v1/serving/{name}/ask";
    public const string ServingUnloadRoute = "/control/v1/serving/{name}/unload";

    public static string ServingLoad(string name) => ServingLoadRoute.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal);

    public static string ServingAsk(string name) => ServingAskRoute.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal);

    public static string ServingUnload(string name) => ServingUnloadRoute.Replace("{name}", Uri.EscapeDataString(name), StringComparison.Ordinal);

    public static string JobConsent(string jobId) => JobConsentRoute.Replace("{jobId}", Uri.EscapeDataString(jobId), StringComparison.Ordinal);

    public static string JobCheckpoints(string jobId) => JobCheckpointsRoute.Replace("{jobId}", Uri.EscapeDataString(jobId), StringComparison.Ordinal);

    public static string JobStart(string jobId) => JobStartRoute.Replace("{jobId}", Uri.EscapeDataString(jobId), StringComparison.Ordinal);

    public static string JobTasks(string jobId) => JobTasksRoute.Replace("{jobId}", Uri.EscapeDataString(jobId), StringComparison.Ordinal);

    public static string JobCancel(string jobId) => JobCancelRoute.Replace("{jobId}", Uri.EscapeDataString(jobId), StringComparison.Ordinal);
}
