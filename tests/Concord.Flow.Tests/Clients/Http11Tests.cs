using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Concord.Flow.Api;

namespace Concord.Flow.Tests.Clients;

/// <summary>
/// A client that speaks HTTP/1.1 only (curl --http1.1, Python's urllib) reaches the operator API, and is refused
/// with a 505 and one line on the party-to-party paths, which stay HTTP/2 only.
/// </summary>
public class Http11Tests
{
    private const int Guest = 9999;

    [Fact]
    public async Task The_operator_api_answers_http11_and_the_party_paths_refuse_it_with_505()
    {
        await using var nodes = await LoopbackNodes.StartAsync(ScaleComponent.Catalog, Guest);
        using var ca = Federation.Security.CertificateFiles.LoadPublic(nodes.Config.CaCertificate);
        using var http = Http11Client(nodes.Config.Party(Guest).Address, new PeerValidator(ca));
        var token = OperatorToken.Read(nodes.Config.Party(Guest).Home!);

        using var whoami = await SendAsync(http, HttpMethod.Get, "/api/v1/whoami", token);
        Assert.Equal(HttpStatusCode.OK, whoami.StatusCode);
        Assert.Equal(HttpVersion.Version11, whoami.Version);
        Assert.Contains("\"role\":\"admin\"", await whoami.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        foreach (var path in new[] { "/federation/v1/messages", "/control/v1/health" })
        {
            using var refused = await SendAsync(http, HttpMethod.Post, path, token);
            Assert.Equal(HttpStatusCode.HttpVersionNotSupported, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.Equal($"{path} is for other parties' nodes and speaks HTTP/2 only, not HTTP/1.1", body);
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, HttpMethod method, string path, string token)
    {
        using var request = new HttpRequestMessage(method, path)
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = method == HttpMethod.Post ? new StringContent("{}") : null,
        };
        request.Headers.TryAddWithoutValidation(OperatorToken.Header, OperatorToken.Scheme + token);
        return await http.SendAsync(request);
    }

    /// <summary>A client that offers only HTTP/1.1 in ALPN and trusts the node as party <see cref="Guest"/>.</summary>
    private static HttpClient Http11Client(Uri address, PeerValidator validator) => new(new SocketsHttpHandler
    {
        SslOptions =
        {
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && validator.WhyNotParty(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), Guest) is null,
        },
    })
    { BaseAddress = address };
}
