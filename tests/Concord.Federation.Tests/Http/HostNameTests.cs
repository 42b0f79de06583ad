using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Transport;

namespace Concord.Federation.Tests.Http;

/// <summary>
/// A standard TLS client (as curl or a browser checks names) reaching a node by a DNS name its certificate names.
/// No /etc/hosts entry is needed: the connection is made to the loopback server whatever the name resolves to.
/// </summary>
public class HostNameTests
{
    [Fact]
    public async Task A_client_checking_names_accepts_a_node_reached_as_the_dns_name_its_certificate_names()
    {
        var (errors, answered) = await ConnectAsAsync("bank.example.org", ["bank.example.org"]);
        Assert.True(answered);
        Assert.Equal(SslPolicyErrors.None, errors & ~SslPolicyErrors.RemoteCertificateChainErrors);
    }

    [Fact]
    public async Task A_client_checking_names_sees_a_mismatch_when_the_certificate_names_only_local_hosts()
    {
        var (errors, answered) = await ConnectAsAsync("bank.example.org", []);
        Assert.False(answered);
        Assert.True(errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch));
    }

    // The policy errors the client saw for the server's certificate (whose chain it checks against the federation CA), and whether the server answered.
    private static async Task<(SslPolicyErrors Errors, bool Answered)> ConnectAsAsync(string name, IReadOnlyList<string> hosts)
    {
        await using var federation = await LoopbackFederation.StartAsync(new FederationOptions());
        var now = DateTimeOffset.UtcNow;
        federation.Certificates[9999] = federation.Ca.IssueParty(9999, hosts, now.AddMinutes(-1), now.AddDays(1));
        federation.Certificates[10000] = federation.Ca.IssueParty(10000, now.AddMinutes(-1), now.AddDays(1));
        var server = await federation.StartServerAsync(9999, federation.Certificates[9999]);
        var errors = SslPolicyErrors.None;
        var chained = false;
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, server.Address.Port), ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
            SslOptions =
            {
                ClientCertificates = [federation.Certificates[10000]],
                RemoteCertificateValidationCallback = (_, certificate, _, policyErrors) =>
                {
                    errors = policyErrors;
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(federation.Ca.Certificate);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    chained = chain.Build(X509CertificateLoader.LoadCertificate(certificate!.GetRawCertData()));
                    return chained && (policyErrors & ~SslPolicyErrors.RemoteCertificateChainErrors) == SslPolicyErrors.None;
                },
            },
        };
        using var client = new HttpClient(handler);
        var request = new HttpRequestMessage(HttpMethod.Get, $"https://{name}:{server.Address.Port}/")
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var answered = false;
        try
        {
            using var response = await client.SendAsync(request);
            answered = true;
        }
        catch (HttpRequestException)
        {
            // A refused name is the point of one of the tests; what the client saw is returned either way.
        }
        Assert.True(chained, "the server's certificate does not chain to the federation CA");
        return (errors, answered);
    }
}
