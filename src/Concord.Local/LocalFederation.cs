using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Federation.Transport.Http;
using Concord.Flow.Api;
using Concord.Flow.Control;

namespace Concord.Local;

/// <summary>
/// A whole federation on this machine: a CA and certificates, a parties.yaml with free loopback ports, a home
/// per party, and one node process per party. What <c>concord demo</c>, <c>concord run</c> and the
/// process-level tests stand on.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private static readonly TimeSpan NodeStartTimeout = TimeSpan.FromSeconds(60);
    private readonly Dictionary<int, NodeProcess> _nodes = [];
    private readonly Dictionary<int, ControlClient> _controls = [];
    private readonly X509Certificate2 _operatorCertificate;
    private readonly X509Certificate2 _ca;

    private LocalFederation(string folder, string certs, FederationConfig config)
    {
        Folder = folder;
        Config = config;
        _operatorCertificate = CertificateFiles.LoadWithKey(FederationCertificates.OperatorCertificate(certs), FederationCertificates.OperatorKey(certs));
        _ca = CertificateFiles.LoadPublic(config.CaCertificate);
        foreach (var party in config.Parties)
        {
            _controls[party.Id] = new ControlClient(party.Address, party.Id, _operatorCertificate, _ca);
        }
    }

    public string Folder { get; }

    public FederationConfig Config { get; }

    public string ConfigPath => Path.Combine(Folder, "parties.yaml");

    /// <summary>Options added to every <c>node start</c> from now on (e.g. <c>--no-audit</c>).</summary>
    public IReadOnlyList<string> NodeOptions { get; set; } = [];

    /// <summary>
    /// Writes certificates and parties.yaml for these parties into <paramref name="folder"/>; starts nothing.
    /// Each party's home is <c>party-ID</c> under <paramref name="homeRoot"/> (the folder itself by default), so a
    /// standalone run can use tables uploaded earlier with <c>concord data upload --party ID</c>. A party listed in
    /// <paramref name="loopbackAddresses"/> listens there (e.g. 127.0.0.2) instead of on 127.0.0.1, its certificate naming it.
    /// With <paramref name="standaloneCerts"/> the parties use the lasting certificates kept there (see
    /// <see cref="StandaloneCertificates"/>) instead of a CA made for this federation alone.
    /// </summary>
    public static LocalFederation Create(
        string folder, int guest, IReadOnlyList<int> hosts, int? arbiter = null, string? homeRoot = null,
        IReadOnlyDictionary<int, IPAddress>? loopbackAddresses = null, string? standaloneCerts = null)
    {
        Directory.CreateDirectory(folder);
        var ids = new[] { guest }.Concat(hosts).Concat(arbiter is int a ? [a] : []).ToList();
        IPAddress AddressOf(int id) => loopbackAddresses?.GetValueOrDefault(id) ?? IPAddress.Loopback;
        var certs = standaloneCerts ?? CertFolder(folder);
        if (standaloneCerts is null)
        {
            FederationCertificates.Create(certs, "concord-local", ids, ids.ToDictionary(id => id, id => (IReadOnlyList<string>)[AddressOf(id).ToString()]), TimeSpan.FromDays(1));
        }
        else if (loopbackAddresses is not null)
        {
            throw new ArgumentException("standalone certificates name 127.0.0.1 only; other loopback addresses need a federation's own certificates");
        }
        else
        {
            StandaloneCertificates.Ensure(certs, ids);
        }
        var configPath = Path.Combine(folder, "parties.yaml");
        FederationConfig.Write(configPath, "concord-local", FederationCertificates.CaCertificate(certs), ids.Select(id => new PartyEntry(
            id, id == guest ? Role.Guest : id == arbiter ? Role.Arbiter : Role.Host, new Uri($"https://{AddressOf(id)}:{LoopbackPort.Free(AddressOf(id))}"),
            FederationCertificates.PartyCertificate(certs, id), FederationCertificates.PartyKey(certs, id),
            PartyHome.Of(id.ToString(CultureInfo.InvariantCulture), homeRoot ?? folder))));
        return new LocalFederation(folder, certs, FederationConfig.Load(configPath));
    }

    public string HomeOf(int party) => Config.Party(party).Home!;

    /// <summary>Stores a table in a party's own home, as <c>concord data upload --party</c> would.</summary>
    public PartyTable Upload(int party, string file, TableName name, CsvReadOptions? options = null)
    {
        var table = CsvTableReader.Read(file, options);
        TableStore.Open(HomeOf(party)).Save(name, table, options: new SaveOptions { Overwrite = true, SourceFile = file });
        return table;
    }

    /// <summary>Starts every party's node process and waits until each answers.</summary>
    public async Task StartAllAsync(Action<string>? progress, CancellationToken ct)
    {
        foreach (var party in Config.Parties)
        {
            Launch(party.Id);
        }
        foreach (var node in _nodes.Values)
        {
            await node.WaitUntilHealthyAsync(_controls[node.PartyId], NodeStartTimeout, ct);
            progress?.Invoke($"party {node.PartyId}'s node is up (log: {node.LogFile})");
        }
        // One operator owns every party of a local federation: a grant would only ask it to permit itself.
        foreach (var party in Config.Parties)
        {
            using var api = Operator(party.Id);
            await api.SetSettingAsync(Flow.Governance.GovernanceSettings.RequireGrants, false, ct);
        }
    }

    /// <summary>Kills a party's node as a crash would: no shutdown request, no chance to save anything.</summary>
    public async Task KillAsync(int party)
    {
        await _nodes[party].DisposeAsync();
        _nodes.Remove(party);
    }

    public async Task RestartAsync(int party, CancellationToken ct)
    {
        var node = Launch(party);
        await node.WaitUntilHealthyAsync(_controls[party], NodeStartTimeout, ct);
    }

    public OperatorClient Operator(int party) => new(Config.Party(party).Address, party, _ca, _operatorCertificate);

    /// <summary>A bare HTTP/2 client of a party's node with the operator's certificate, for load that must not pay for a typed client.</summary>
    public MutualTlsClient OperatorHttp(int party) => new(Config.Party(party).Address, party, _operatorCertificate, new PeerValidator(_ca));

    /// <summary>What a party's node would export of a model, verified as an import would verify it.</summary>
    public async Task<byte[]> ModelBytesAsync(int party, string modelId, CancellationToken ct)
    {
        using var api = Operator(party);
        var archive = await api.ExportModelAsync(modelId, null, ct);
        return Flow.Store.ModelArchive.Read(new MemoryStream(archive), $"party {party}'s export of {modelId}", new Flow.Store.ModelTrust(_ca, party)).Bytes;
    }

    /// <summary>Asks every node to shut down, then stops what is left.</summary>
    public async Task StopAllAsync(Action<string>? progress)
    {
        foreach (var node in _nodes.Values)
        {
            try
            {
                using var quick = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await _controls[node.PartyId].ShutdownAsync(quick.Token);
            }
            catch (Exception ex) when (ex is Federation.FederationException or OperationCanceledException)
            {
                progress?.Invoke($"party {node.PartyId} did not take the shutdown request ({ex.Message}); stopping its process");
            }
        }
        foreach (var node in _nodes.Values)
        {
            await node.StopAsync(TimeSpan.FromSeconds(10));
        }
        progress?.Invoke("all nodes stopped");
    }

    private NodeProcess Launch(int party)
    {
        var log = Path.Combine(Folder, $"node-{party}.log");
        var node = NodeProcess.Start(party, ConfigPath, log, NodeOptions);
        _nodes[party] = node;
        return node;
    }

    private static string CertFolder(string folder) => Path.Combine(folder, "certs");

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync();
        }
        foreach (var control in _controls.Values)
        {
            control.Dispose();
        }
        _operatorCertificate.Dispose();
        _ca.Dispose();
    }
}
