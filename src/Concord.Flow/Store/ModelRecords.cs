using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

/// <summary>A model to save: the store gives it the next version of its model id.</summary>
/// <param name="ComponentType">The type of component that trained it, such as hetero_lr.</param>
/// <param name="Role">The role of the party that holds this part of the model.</param>
/// <param name="JobId">The job that trained it.</param>
public sealed record NewModel(string ModelId, string ComponentType, int Party, string Role, string JobId, JsonObject Metadata, byte[] Bytes)
{
    internal void Validate()
    {
        FlowStoreChecks.NotBlank(ModelId, "model id");
        FlowStoreChecks.NotBlank(ComponentType, $"component type of model {ModelId}");
        FlowStoreChecks.NotBlank(Role, $"role of model {ModelId}");
        FlowStoreChecks.NotBlank(JobId, $"job id of model {ModelId}");
    }
}

/// <summary>A stored model, without its bytes.</summary>
/// <param name="Sha256">The SHA-256 of the model's bytes, in lower-case hex.</param>
public sealed record ModelInfo(
    string ModelId,
    int Version,
    string ComponentType,
    int Party,
    string Role,
    string JobId,
    JsonObject Metadata,
    long Size,
    string Sha256,
    DateTimeOffset CreatedAt)
{
    public override string ToString() => $"model {ModelId} version {Version}";

    /// <summary>Whether two records describe the same model (the metadata compared as JSON, not as objects).</summary>
    public bool SameContent(ModelInfo other) =>
        ModelId == other.ModelId && Version == other.Version && ComponentType == other.ComponentType && Party == other.Party
        && Role == other.Role && JobId == other.JobId && Size == other.Size && Sha256 == other.Sha256 && CreatedAt == other.CreatedAt
        && JsonNode.DeepEquals(Metadata, other.Metadata);
}

/// <summary>A stored model with its bytes.</summary>
public sealed record StoredModel(ModelInfo Info, byte[] Bytes);
