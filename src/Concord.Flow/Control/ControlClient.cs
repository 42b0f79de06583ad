using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;

namespace Concord.Flow.Control;

/// <summary>Calls another node's control endpoints over the same mutual TLS as federation messages.</summary>
public sealed class ControlClient : IDisposable
{
    private readonly MutualTlsClient _client;

    public ControlClient(Uri address, int partyId, X509Certificate2 ownCertificate, X509Certificate2 federationCa)
    {
        _client = new MutualTlsClient(address, partyId, ownCertificate, new PeerValidator(federationCa));
    }

    public int PartyId => _client.ExpectedPartyId;

    public Task<bool> IsHealthyAsync(CancellationToken ct) => SendAsync<bool>(HttpMethod.Get, ControlPaths.Health, null, ct);

    public Task<TaskReport> StartTaskAsync(TaskRequest request, CancellationToken ct) =>
        SendAsync<TaskReport>(HttpMethod.Post, ControlPaths.Tasks, request, ct);

    public Task<TaskReport> GetTaskAsync(string jobId, CancellationToken ct) =>
        SendAsync<TaskReport>(HttpMethod.Get, ControlPaths.Task(jobId), null, ct);

    public Task<TaskReport> CancelTaskAsync(string jobId, CancellationToken ct) =>
        SendAsync<TaskReport>(HttpMethod.Delete, ControlPaths.Task(jobId), null, ct);

    public Task<JobReport> RunJobAsync(JobRequest request, CancellationToken ct) =>
        SendAsync<JobReport>(HttpMethod.Post, ControlPaths.Jobs, request, ct);

    public Task<bool> ShutdownAsync(CancellationToken ct) => SendAsync<bool>(HttpMethod.Post, ControlPaths.Shutdown, null, ct);

    private async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var content = body is null ? null : JsonContent.Create(body, body.GetType(), options: ControlJson.Options);
        using var request = MutualTlsClient.Request(method, path, content);
        HttpResponseMessage response;
        try
        {
            response = await _client.Http.SendAsync(request, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (MutualTlsClient.IsAuthenticationFailure(ex))
        {
            throw new FederationException($"mutual TLS with party {PartyId} at {_client.Address} failed: {_client.LastRejection ?? "it rejected our certificate"}", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FederationException($"party {PartyId}'s node at {_client.Address} is unreachable: {ex.Message}", inner: ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var reason = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
                throw new FederationException($"party {PartyId}'s node refused {method} {path}: {reason}");
            }
            return await response.Content.ReadFromJsonAsync<T>(ControlJson.Options, ct).ConfigureAwait(false)
                ?? throw new FederationException($"party {PartyId}'s node sent an empty answer to {method} {path}");
        }
    }

    public void Dispose() => _client.Dispose();
}
