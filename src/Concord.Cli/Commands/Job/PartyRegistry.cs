using Concord.Federation;
using Concord.Federation.Parties;
using Concord.Federation.Security;
using Concord.Flow.Api;
using Concord.Flow.Audit;
using Concord.Flow.Store;

namespace Concord.Cli.Commands.Job;

/// <summary>A party's model registry as the <c>concord model</c> commands reach it: through its node, or in its home.</summary>
internal abstract class PartyRegistry : IDisposable
{
    public abstract string Description { get; }

    public abstract Task<IReadOnlyList<ModelInfo>> ListAsync(CancellationToken ct);

    /// <summary>The signed export archive of one model version (the latest when <paramref name="version"/> is null).</summary>
    public abstract Task<byte[]> ExportAsync(string modelId, int? version, CancellationToken ct);

    public abstract Task<ModelInfo> ImportAsync(string file, CancellationToken ct);

    public abstract void Dispose();
}

/// <summary>The registry behind a running node's operator API; the node signs exports and verifies imports.</summary>
internal sealed class NodeRegistry(OperatorClient api) : PartyRegistry
{
    public override string Description => $"party {api.PartyId}'s node";

    public override async Task<IReadOnlyList<ModelInfo>> ListAsync(CancellationToken ct) => await api.ListModelsAsync(ct);

    public override Task<byte[]> ExportAsync(string modelId, int? version, CancellationToken ct) => api.ExportModelAsync(modelId, version, ct);

    public override async Task<ModelInfo> ImportAsync(string file, CancellationToken ct)
    {
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"model file {file} does not exist");
        }
        try
        {
            return await api.ImportModelAsync(await File.ReadAllBytesAsync(file, ct), ct);
        }
        catch (FederationException ex)
        {
            throw new FederationException($"model file {file}: {ex.Message}", inner: ex);
        }
    }

    public override void Dispose() => api.Dispose();
}

/// <summary>The files that sign a party's exports and check its imports when its node is not asked.</summary>
internal sealed record SigningFiles(string Certificate, string Key, string CaCertificate)
{
    public static SigningFiles From(FederationConfig config, int partyId)
    {
        var self = config.Party(partyId);
        return new(self.Certificate, self.Key, config.CaCertificate);
    }

    public static SigningFiles From(string certFolder, int partyId) => new(
        FederationCertificates.PartyCertificate(certFolder, partyId), FederationCertificates.PartyKey(certFolder, partyId),
        FederationCertificates.CaCertificate(certFolder));
}

/// <summary>
/// The flow store in a party's home, read without its node. Signing an export and verifying an import need the
/// party's certificate and key and the CA: the federation's (from parties.yaml), or those <c>concord run</c> keeps.
/// </summary>
internal sealed class HomeRegistry(IFlowStore store, int partyId, SigningFiles? signing, string whereToFindThem) : PartyRegistry
{
    public override string Description => store.Description;

    public override Task<IReadOnlyList<ModelInfo>> ListAsync(CancellationToken ct) => store.ListModelsAsync(ct: ct);

    public override async Task<byte[]> ExportAsync(string modelId, int? version, CancellationToken ct)
    {
        var files = Signing($"sign the export with party {partyId}'s certificate and key");
        using var signer = CertificateFiles.LoadWithKey(files.Certificate, files.Key);
        var (info, archive) = await ModelArchive.ExportAsync(store, modelId, version, signer, ct);
        await store.AppendAuditAsync([ModelAuditEvents.Exported(info, archive.Length, "operator (CLI, offline)")], ct);
        return archive;
    }

    public override async Task<ModelInfo> ImportAsync(string file, CancellationToken ct)
    {
        using var ca = CertificateFiles.LoadPublic(Signing("check the file's signature against the federation CA").CaCertificate);
        var model = await store.ImportModelAsync(ModelArchive.ReadFile(file, new ModelTrust(ca, partyId)), $"model file {file}", ct);
        await store.AppendAuditAsync([ModelAuditEvents.Imported(model, "operator (CLI, offline)", Path.GetFullPath(file))], ct);
        return model;
    }

    private SigningFiles Signing(string purpose) => signing
        ?? throw new ArgumentException($"to {purpose}, {whereToFindThem}");

    public override void Dispose() => store.Dispose();
}
