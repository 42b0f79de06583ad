using System.Security.Cryptography.X509Certificates;
using Concord.Flow.Audit;
using Concord.Flow.Store;

namespace Concord.Flow.Api;

/// <summary>Exports a model as an archive signed with this party's certificate, and records who took it.</summary>
public sealed class ModelExport(IFlowStore store, X509Certificate2 signer, IAuditLog audit)
{
    /// <param name="actor">Who asked, as the audit trail names them.</param>
    public async Task<(ModelInfo Info, byte[] Archive)> ExportAsync(string modelId, int? version, string actor, CancellationToken ct)
    {
        var (info, archive) = await ModelArchive.ExportAsync(store, modelId, version, signer, ct).ConfigureAwait(false);
        await audit.AppendAsync(ModelAuditEvents.Exported(info, archive.Length, actor), ct).ConfigureAwait(false);
        return (info, archive);
    }
}
