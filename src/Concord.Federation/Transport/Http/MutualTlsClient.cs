using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// An HTTP/2 client that presents this party's certificate and accepts only a server whose certificate
/// chains to the federation CA and names the expected party. Shared by message delivery and control calls;
/// the operator's CLI may present no certificate and authenticate with a token instead.
/// </summary>
public sealed class MutualTlsClient : IDisposable
{
    private string? _lastRejection;

    public MutualTlsClient(Uri address, int expectedPartyId, X509Certificate2? ownCertificate, PeerValidator validator)
    {
        Address = address;
        ExpectedPartyId = expectedPartyId;
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = TimeSpan.FromSeconds(5),
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(2),
            SslOptions =
            {
                ClientCertificates = ownCertificate is null ? [] : [ownCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var reason = certificate is null
                        ? "it presented no certificate"
                        : validator.WhyNotParty(X509CertificateLoader.LoadCertificate(certificate.GetRawCertData()), expectedPartyId);
                    _lastRejection = reason;
                    return reason is null;
                },
            },
        };
        Http = new HttpClient(handler) { BaseAddress = address, Timeout = Timeout.InfiniteTimeSpan };
    }

    public Uri Address { get; }

    public int ExpectedPartyId { get; }

    public HttpClient Http { get; }

    /// <summary>Why the last server certificate was refused, if it was.</summary>
    public string? LastRejection => _lastRejection;

    public static HttpRequestMessage Request(HttpMethod method, string path, HttpContent? content = null) => new(method, path)
    {
        Content = content,
        Version = HttpVersion.Version20,
        VersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    /// <summary>Whether a failed request failed in the TLS handshake, which no retry can fix.</summary>
    public static bool IsAuthenticationFailure(Exception ex)
    {
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is System.Security.Authentication.AuthenticationException)
            {
                return true;
            }
        }
        return false;
    }

    public void Dispose() => Http.Dispose();
}
