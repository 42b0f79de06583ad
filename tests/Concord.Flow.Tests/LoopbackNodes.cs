using System.Globalization;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Node;

namespace Concord.Flow.Tests;

/// <summary>Real party nodes in this process, on loopback, configured through a real parties.yaml and PEM files.</summary>
internal sealed class LoopbackNodes : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly List<PartyNode> _nodes = [];
    private readonly List<ControlClient> _clients = [];

    private LoopbackNodes(DirectoryInfo folder, FederationConfig config)
    {
        _folder = folder;
        Config = config;
    }

    public FederationConfig Config { get; }

    public List<string> Log { get; } = [];

    public string CertFolder => Path.Combine(_folder.FullName, "certs");

    public static async Task<LoopbackNodes> StartAsync(ComponentCatalog catalog, int guest, params int[] hosts)
    {
        var folder = Directory.CreateTempSubdirectory("concord-flow-");
        var ids = new[] { guest }.Concat(hosts).ToArray();
        var certs = Path.Combine(folder.FullName, "certs");
        FederationCertificates.Create(certs, "flow-test", ids, TimeSpan.FromDays(1));
        var entries = ids.Select(id => new PartyEntry(
            id, id == guest ? Role.Guest : Role.Host, new Uri($"https://127.0.0.1:{LoopbackPort.Free()}"),
            FederationCertificates.PartyCertificate(certs, id), FederationCertificates.PartyKey(certs, id),
            Path.Combine(folder.FullName, $"party-{id}")));
        var configPath = Path.Combine(folder.FullName, "parties.yaml");
        FederationConfig.Write(configPath, "flow-test", FederationCertificates.CaCertificate(certs), entries);
        var nodes = new LoopbackNodes(folder, FederationConfig.Load(configPath));
        foreach (var id in ids)
        {
            var settings = new NodeSettings(nodes.Config, id, Path.Combine(folder.FullName, $"party-{id}"))
            {
                Federation = new() { ReceiveTimeout = TimeSpan.FromSeconds(20) },
                JobTimeout = TimeSpan.FromSeconds(60),
            };
            nodes._nodes.Add(await PartyNode.StartAsync(settings, catalog, line => { lock (nodes.Log) { nodes.Log.Add(line); } }));
        }
        return nodes;
    }

    public ControlClient Operator(int partyId)
    {
        var client = new ControlClient(Config.Party(partyId).Address, partyId,
            CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(CertFolder), FederationCertificates.OperatorKey(CertFolder)),
            CertificateFiles.LoadPublic(Config.CaCertificate));
        _clients.Add(client);
        return client;
    }

    public ControlClient AsParty(int callerId, int targetId)
    {
        var client = new ControlClient(Config.Party(targetId).Address, targetId,
            CertificateFiles.LoadWithKey(FederationCertificates.PartyCertificate(CertFolder, callerId), FederationCertificates.PartyKey(CertFolder, callerId)),
            CertificateFiles.LoadPublic(Config.CaCertificate));
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        foreach (var node in _nodes)
        {
            await node.DisposeAsync();
        }
        _folder.Delete(recursive: true);
    }

    public static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
