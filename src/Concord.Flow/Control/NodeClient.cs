using System.Net.Http.Json;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Federation;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;

namespace Concord.Flow.Control;

/// <summary>
/// JSON calls to one party's node over TLS that checks the node is that party; failures become
/// <see cref="FederationException"/>s naming the party, its address and the node's own explanation.
/// </summary>
public sealed class NodeClient : IDisposable
{
    private readonly MutualTlsClient _client;
    private readonly string? _token;

    public NodeClient(Uri address, int partyId, X509Certificate2? ownCertificate, X509Certificate2 federationCa, string? token = null, Revocations? revocations = null)
    {
        _client = new MutualTlsClient(address, partyId, ownCertificate, new PeerValidator(federationCa, revocations));
        _token = token;
    }

    public int PartyId => _client.ExpectedPartyId;

    public Uri Address => _client.Address;

    public async Task<T> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var response = await SendRawAsync(method, path, body, ct).ConfigureAwait(false);
        return await response.Content.ReadFromJsonAsync<T>(ControlJson.Options, ct).ConfigureAwait(false)
            ?? throw new FederationException($"party {PartyId}'s node sent an empty answer to {method} {path}");
    }

    public async Task<byte[]> GetBytesAsync(string path, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, ct).ConfigureAwait(false);
        return await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The status the node answers a bodiless call with (a JSON "{}" body for POST and PUT), without judging it.</summary>
    public async Task<System.Net.HttpStatusCode> ProbeAsync(HttpMethod method, string path, CancellationToken ct)
    {
        using var request = NewRequest(method, path, method == HttpMethod.Post || method == HttpMethod.Put ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null);
        using var response = await _client.Http.SendAsync(request, ct).ConfigureAwait(false);
        return response.StatusCode;
    }

    /// <summary>Streams a GET's answer into <paramref name="destination"/> without holding it in memory.</summary>
    public async Task DownloadAsync(string path, Stream destination, CancellationToken ct)
    {
        using var response = await SendRawAsync(HttpMethod.Get, path, null, ct, HttpCompletionOption.ResponseHeadersRead).ConfigureAwait(false);
        await response.Content.CopyToAsync(destination, ct).ConfigureAwait(false);
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct,
        HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        // A body that is already HttpContent (a file upload) goes as it is; anything else as JSON.
        using var request = NewRequest(method, path, body as HttpContent ?? (body is null ? null : JsonContent.Create(body, body.GetType(), options: ControlJson.Options)));
        HttpResponseMessage response;
        try
        {
            response = await _client.Http.SendAsync(request, completion, ct).ConfigureAwait(false);
        }
        catch (HttpRequestException ex) when (MutualTlsClient.IsAuthenticationFailure(ex))
        {
            throw new FederationException($"TLS with party {PartyId} at {Address} failed: {_client.LastRejection ?? "it rejected our certificate"}", inner: ex);
        }
        catch (HttpRequestException ex)
        {
            throw new FederationException($"party {PartyId}'s node at {Address} is unreachable: {ex.Message}", inner: ex);
        }
        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var reason = Reason(response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false));
                throw new FederationException($"party {PartyId}'s node refused {method} {path} ({(int)response.StatusCode}): {reason}");
            }
        }
        return response;
    }

    /// <summary>The operator API answers problem details, whose <c>detail</c> is the one line to show; the control paths answer plain text.</summary>
    private static string Reason(string? mediaType, string body)
    {
        if (mediaType != Api.ApiProblem.MediaType)
        {
            return body;
        }
        try
        {
            return JsonNode.Parse(body)?["detail"] is JsonValue detail && detail.TryGetValue<string>(out var text) ? text : body;
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private HttpRequestMessage NewRequest(HttpMethod method, string path, HttpContent? content)
    {
        var request = MutualTlsClient.Request(method, path, content);
        if (_token is not null)
        {
            request.Headers.TryAddWithoutValidation(Api.OperatorToken.Header, Api.OperatorToken.Scheme + _token);
        }
        return request;
    }

    public void Dispose() => _client.Dispose();
}
