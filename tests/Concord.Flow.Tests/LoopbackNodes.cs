using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport;
using Concord.Federation.Transport.Http;
using Concord.Flow.Api;
using Concord.Flow.Components;
using Concord.Flow.Node;
using Concord.Flow.Store;

namespace Concord.Flow.Tests;

/// <summary>Real party nodes in this process, on loopback, configured through a real parties.yaml and PEM files.</summary>
internal sealed class LoopbackNodes : IAsyncDisposable
{
    private readonly DirectoryInfo _folder;
    private readonly Dictionary<int, PartyNode> _nodes = [];
    private readonly List<IDisposable> _clients = [];
    private readonly ComponentCatalog _catalog;
    private readonly Func<NodeSettings, NodeSettings> _configure;
    private readonly FederationOptions _federation;

    private LoopbackNodes(DirectoryInfo folder, FederationConfig config, ComponentCatalog catalog, Func<NodeSettings, NodeSettings>? configure, FederationOptions federation)
    {
        _folder = folder;
        Config = config;
        _catalog = catalog;
        _configure = configure ?? (s => s);
        _federation = federation;
    }

    public FederationConfig Config { get; }

    public List<string> Log { get; } = [];

    public string CertFolder => Path.Combine(_folder.FullName, "certs");

    public static Task<LoopbackNodes> StartAsync(ComponentCatalog catalog, int guest, params int[] hosts) =>
        StartAsync(catalog, guest, hosts, arbiter: null);

    /// <param name="configure">Changes every node's settings, such as its job limits.</param>
    /// <param name="requireGrants">Whether hosts check grants; off unless a test is about them, as one operator owns every party here.</param>
    public static async Task<LoopbackNodes> StartAsync(ComponentCatalog catalog, int guest, int[] hosts, int? arbiter, Func<NodeSettings, NodeSettings>? configure = null, FederationOptions? federation = null, bool requireGrants = false)
    {
        var folder = Directory.CreateTempSubdirectory("concord-flow-");
        var ids = new[] { guest }.Concat(hosts).Concat(arbiter is int a ? [a] : []).ToArray();
        var certs = Path.Combine(folder.FullName, "certs");
        FederationCertificates.Create(certs, "flow-test", ids, TimeSpan.FromDays(1));
        var entries = ids.Select(id => new PartyEntry(
            id, id == guest ? Role.Guest : id == arbiter ? Role.Arbiter : Role.Host, new Uri($"https://127.0.0.1:{LoopbackPort.Free()}"),
            FederationCertificates.PartyCertificate(certs, id), FederationCertificates.PartyKey(certs, id),
            Path.Combine(folder.FullName, $"party-{id}")));
        var configPath = Path.Combine(folder.FullName, "parties.yaml");
        FederationConfig.Write(configPath, "flow-test", FederationCertificates.CaCertificate(certs), entries);
        var nodes = new LoopbackNodes(folder, FederationConfig.Load(configPath), catalog, configure, federation ?? new() { ReceiveTimeout = TimeSpan.FromSeconds(20) });
        foreach (var id in ids)
        {
            await nodes.StartNodeAsync(id);
            using var api = nodes.WithToken(id);
            await api.SetSettingAsync(Flow.Governance.GovernanceSettings.RequireGrants, requireGrants, CancellationToken.None);
        }
        return nodes;
    }

    /// <summary>Starts (or restarts) one party's node on its home and address.</summary>
    public async Task StartNodeAsync(int id)
    {
        var settings = _configure(new NodeSettings(Config, id, Config.Party(id).Home!) { Federation = _federation });
        _nodes[id] = await PartyNode.StartAsync(settings, _catalog, line => { lock (Log) { Log.Add(line); } });
    }

    /// <summary>Stops one party's node, as its operator would; peers find it gone.</summary>
    public async Task StopNodeAsync(int id)
    {
        await _nodes[id].DisposeAsync();
        _nodes.Remove(id);
    }

    /// <summary>A party's own certificate, as a peer would present it to another node.</summary>
    public System.Security.Cryptography.X509Certificates.X509Certificate2 PartyCertificate(int id) =>
        CertificateFiles.LoadWithKey(FederationCertificates.PartyCertificate(CertFolder, id), FederationCertificates.PartyKey(CertFolder, id));

    public PartyNode Node(int partyId) => _nodes[partyId];

    public string SpoolOf(int partyId) => Path.Combine(_folder.FullName, $"party-{partyId}", "spool");

    /// <summary>Stops one party's node and starts it again on the same home, as after a crash or an upgrade.</summary>
    public async Task RestartAsync(int partyId)
    {
        await _nodes[partyId].DisposeAsync();
        await StartNodeAsync(partyId);
    }

    /// <summary>Another party's transport, as a misbehaving peer would use it with its own valid certificate.</summary>
    public HttpTransport TransportAs(int partyId, FederationOptions options) => new(
        partyId, new Mailbox(options), Config.Directory(),
        CertificateFiles.LoadWithKey(FederationCertificates.PartyCertificate(CertFolder, partyId), FederationCertificates.PartyKey(CertFolder, partyId)),
        CertificateFiles.LoadPublic(Config.CaCertificate), options);

    public OperatorClient Operator(int partyId) => Track(new OperatorClient(
        Config.Party(partyId).Address, partyId, CertificateFiles.LoadPublic(Config.CaCertificate),
        CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(CertFolder), FederationCertificates.OperatorKey(CertFolder))));

    /// <summary>A client with the node's own operator token, or with <paramref name="token"/> (one an admin issued).</summary>
    public OperatorClient WithToken(int partyId, string? token = null) => Track(new OperatorClient(
        Config.Party(partyId).Address, partyId, CertificateFiles.LoadPublic(Config.CaCertificate),
        token: token ?? OperatorToken.Read(Config.Party(partyId).Home!)));

    /// <summary>A party (not the operator) calling another node's operator API with its own certificate.</summary>
    public OperatorClient AsPartyApi(int callerId, int targetId) => Track(new OperatorClient(
        Config.Party(targetId).Address, targetId, CertificateFiles.LoadPublic(Config.CaCertificate),
        PartyCertificate(callerId)));

    /// <summary>What the party's node exports for a model, verified as an import at that party would, so the signature is checked too.</summary>
    public async Task<byte[]> ExportedModelAsync(OperatorClient party, string modelId, int? version = null)
    {
        var archive = await party.ExportModelAsync(modelId, version, CancellationToken.None);
        using var ca = CertificateFiles.LoadPublic(Config.CaCertificate);
        return ModelArchive.Read(new MemoryStream(archive), $"party {party.PartyId}'s export of {modelId}", new ModelTrust(ca, party.PartyId)).Bytes;
    }

    private T Track<T>(T client)
        where T : IDisposable
    {
        _clients.Add(client);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
        // A file a stopped node's last background write (an audit batch, a log line) closes a moment late can make
        // one recursive delete find a folder not yet empty; a few tries let it finish.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                _folder.Delete(recursive: true);
                return;
            }
            catch (IOException) when (attempt < 5)
            {
                await Task.Delay(200 * attempt);
            }
        }
    }

}
