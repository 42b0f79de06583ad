using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Concord.Data;

namespace Concord.Flow.Store;

/// <summary>A model to save: the store gives it the next version of its model id.</summary>
/// <param name="ComponentType">The type of component that trained it, such as hetero_lr.</param>
/// <param name="Role">The role of the party that holds this part of the model.</param>
/// <param name="JobId">The job that trained it.</param>
public sealed record NewModel(string ModelId, string ComponentType, int Party, string Role, string JobId, JsonObject Metadata, byte[] Bytes)
{
    internal void Validate()
    {
        // Model ids name download files and may one day name folders, so they obey the rule table names obey.
        SafeName.Check(ModelId, "model id");
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
public sealed record StoredModel(ModelInfo Info, byte[] Bytes)
{
    /// <summary>Refuses a record that could not have come from a store: a bad id, a blank field, bytes unlike their size and digest.</summary>
    internal void Validate()
    {
        new NewModel(Info.ModelId, Info.ComponentType, Info.Party, Info.Role, Info.JobId, Info.Metadata, Bytes).Validate();
        FlowStoreChecks.Positive(Info.Version, $"version of model {Info.ModelId}");
        if (Info.Size != Bytes.Length || Info.Sha256 != ModelArchive.Hex(SHA256.HashData(Bytes)))
        {
            throw new ArgumentException($"the bytes of {Info} do not match its recorded size and SHA-256");
        }
    }
}
