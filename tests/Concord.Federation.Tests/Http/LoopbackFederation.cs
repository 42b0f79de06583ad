using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;

namespace Concord.Federation.Tests.Http;

/// <summary>Real nodes on 127.0.0.1 with real mutual TLS, one server per party, for transport tests.</summary>
internal sealed class LoopbackFederation : IAsyncDisposable
{
    private readonly List<IAsyncDisposable> _owned = [];

    private LoopbackFederation(CertificateAuthority ca, FederationOptions options, IMessageAdmission admission)
    {
        Ca = ca;
        Options = options;
        Admission = admission;
    }

    public CertificateAuthority Ca { get; }

    public FederationOptions Options { get; }

    public IMessageAdmission Admission { get; }

    /// <summary>Every refused TLS client and message, as the servers told them.</summary>
    public List<string> Refusals { get; } = [];

    public Dictionary<int, X509Certificate2> Certificates { get; } = [];

    /// <summary>The revocation list servers and transports started after it is set consult; none by default.</summary>
    public Revocations? Revocations { get; set; }

    public Dictionary<int, FederationServer> Servers { get; } = [];

    public PartyDirectory Directory => new(Servers.ToDictionary(kv => kv.Key, kv => kv.Value.Address));

    public static Task<LoopbackFederation> StartAsync(FederationOptions options, params int[] partyIds) =>
        StartAsync(options, AdmitAll.Instance, partyIds);

    public static async Task<LoopbackFederation> StartAsync(FederationOptions options, IMessageAdmission admission, params int[] partyIds)
    {
        var federation = new LoopbackFederation(CertificateAuthority.Create("test", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(1)), options, admission);
        foreach (var id in partyIds)
        {
            var now = DateTimeOffset.UtcNow;
            federation.Certificates[id] = federation.Ca.IssueParty(id, now.AddMinutes(-1), now.AddDays(1));
            federation.Servers[id] = await federation.StartServerAsync(id, federation.Certificates[id]);
        }
        return federation;
    }

    public async Task<FederationServer> StartServerAsync(int id, X509Certificate2 certificate)
    {
        var server = await FederationServer.StartAsync(
            new FederationServerOptions(id, new IPEndPoint(IPAddress.Loopback, 0), certificate, Ca.Certificate)
            {
                Admission = Admission,
                Revocations = Revocations,
                OnRejection = line =>
                {
                    lock (Refusals)
                    {
                        Refusals.Add(line);
                    }
                },
            },
            new Mailbox(Options));
        _owned.Add(server);
        return server;
    }

    public HttpTransport Transport(int id, X509Certificate2? certificate = null, PartyDirectory? directory = null, X509Certificate2? trustedCa = null)
    {
        var transport = new HttpTransport(id, Servers.TryGetValue(id, out var own) ? own.Mailbox : new Mailbox(Options),
            directory ?? Directory, certificate ?? Certificates[id], trustedCa ?? Ca.Certificate, Options, Revocations);
        _owned.Add(transport);
        return transport;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
        Ca.Dispose();
    }
}
