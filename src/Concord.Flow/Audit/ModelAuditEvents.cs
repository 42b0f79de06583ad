using Concord.Flow.Store;

namespace Concord.Flow.Audit;

/// <summary>The audit records of a model leaving or entering a party's registry, written alike by the node and the offline CLI.</summary>
public static class ModelAuditEvents
{
    public static AuditEvent Exported(ModelInfo model, long archiveBytes, string actor) =>
        Of(AuditKinds.ModelExported, model, actor) with { Bytes = archiveBytes };

    public static AuditEvent Imported(ModelInfo model, string actor, string source) =>
        Of(AuditKinds.ModelImported, model, actor) with { Detail = source };

    private static AuditEvent Of(string kind, ModelInfo model, string actor) => new(kind, $"{model.ModelId} v{model.Version}")
    {
        JobId = model.JobId,
        Bytes = model.Size,
        Digest = model.Sha256,
        Actor = actor,
    };
}
