using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Concord.Flow.Jobs;
using Concord.Flow.Store;

namespace Concord.Flow.Control;

/// <summary>Calls another node's control endpoints over the same mutual TLS as federation messages.</summary>
public sealed class ControlClient(Uri address, int partyId, X509Certificate2 ownCertificate, X509Certificate2 federationCa, Revocations? revocations = null) : IDisposable
{
    private readonly NodeClient _node = new(address, partyId, ownCertificate, federationCa, revocations: revocations);

    public int PartyId => _node.PartyId;

    public Task<bool> IsHealthyAsync(CancellationToken ct) => _node.SendAsync<bool>(HttpMethod.Get, ControlPaths.Health, null, ct);

    public Task<bool> StartJobAsync(JobStart start, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Post, ControlPaths.JobStart(start.JobId), start, ct);

    /// <summary>The party's word on the job (grants, approval) before anyone starts it; a refusal throws with the party's reason.</summary>
    public Task<Governance.Consent> AskConsentAsync(JobStart start, CancellationToken ct) =>
        _node.SendAsync<Governance.Consent>(HttpMethod.Post, ControlPaths.JobConsent(start.JobId), start, ct);

    public Task<List<TaskRecord>> JobTasksAsync(string jobId, CancellationToken ct) =>
        _node.SendAsync<List<TaskRecord>>(HttpMethod.Get, ControlPaths.JobTasks(jobId), null, ct);

    /// <summary>The newest checkpointed iteration of each of the job's components at that party.</summary>
    public Task<Dictionary<string, long>> JobCheckpointsAsync(string jobId, CancellationToken ct) =>
        _node.SendAsync<Dictionary<string, long>>(HttpMethod.Get, ControlPaths.JobCheckpoints(jobId), null, ct);

    public Task<bool> CancelJobAsync(string jobId, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Post, ControlPaths.JobCancel(jobId), null, ct);

    /// <summary>Asks a party to register its shares of a training job's fitted components as a deployment; the version it got.</summary>
    public Task<int> BundleAsync(Deployment.BundleRequest bundle, CancellationToken ct) =>
        _node.SendAsync<int>(HttpMethod.Post, ControlPaths.DeploymentBundle(bundle.Name), bundle, ct);

    /// <summary>Asks a host to load its share of a deployment and index its table; its refusal throws with its reason.</summary>
    public Task<Serving.HostLoaded> LoadServingAsync(Serving.HostLoad load, CancellationToken ct) =>
        _node.SendAsync<Serving.HostLoaded>(HttpMethod.Post, ControlPaths.ServingLoad(load.Name), load, ct);

    public Task<Serving.HostAnswer> AskServingAsync(string name, Serving.HostAsk ask, CancellationToken ct) =>
        _node.SendAsync<Serving.HostAnswer>(HttpMethod.Post, ControlPaths.ServingAsk(name), ask, ct);

    public Task<bool> UnloadServingAsync(string name, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Post, ControlPaths.ServingUnload(name), null, ct);

    public Task<bool> ShutdownAsync(CancellationToken ct) => _node.SendAsync<bool>(HttpMethod.Post, ControlPaths.Shutdown, null, ct);

    public void Dispose() => _node.Dispose();
}
