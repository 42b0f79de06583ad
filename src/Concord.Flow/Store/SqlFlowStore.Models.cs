using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    private const string ModelColumns = "model_id, version, component_type, party, role, job_id, metadata, size, sha256, created_at";

    private const string InsertModel = $"""
        INSERT INTO models ({ModelColumns}, bytes)
        VALUES (@id, @version, @type, @party, @role, @job, @metadata, @size, @sha, @created, @bytes)
        """;

    public Task<ModelInfo> SaveModelAsync(NewModel model, CancellationToken ct = default)
    {
        model.Validate();
        ArgumentNullException.ThrowIfNull(model.Bytes);
        return InTransactionAsync($"save a new version of model {model.ModelId}", async session =>
        {
            // Counting versions in a row of their own locks that row until commit, so concurrent saves of one
            // model id queue for their numbers instead of colliding.
            var counted = await session.ScalarAsync("""
                INSERT INTO model_ids (model_id, latest) VALUES (@id, 1)
                ON CONFLICT (model_id) DO UPDATE SET latest = model_ids.latest + 1
                RETURNING latest
                """, ct, ("@id", model.ModelId)).ConfigureAwait(false);
            var info = new ModelInfo(model.ModelId, Convert.ToInt32(counted, CultureInfo.InvariantCulture), model.ComponentType, model.Party,
                model.Role, model.JobId, model.Metadata, model.Bytes.Length, ModelArchive.Hex(SHA256.HashData(model.Bytes)),
                SqlValues.Truncate(DateTimeOffset.UtcNow));
            await session.ExecuteAsync(InsertModel, ct, ModelParameters(info, model.Bytes)).ConfigureAwait(false);
            return info;
        }, ct);
    }

    public Task<StoredModel?> GetModelAsync(string modelId, int? version = null, CancellationToken ct = default)
    {
        const string Latest = $"SELECT {ModelColumns}, bytes FROM models WHERE model_id = @id ORDER BY version DESC LIMIT 1";
        const string OneVersion = $"SELECT {ModelColumns}, bytes FROM models WHERE model_id = @id AND version = @version";
        var what = version is null ? $"read the latest version of model {modelId}" : $"read model {modelId} version {version}";
        return RunAsync(what, async session => (version is { } v
            ? await session.QueryAsync(OneVersion, ReadStoredModel, ct, ("@id", modelId), ("@version", v)).ConfigureAwait(false)
            : await session.QueryAsync(Latest, ReadStoredModel, ct, ("@id", modelId)).ConfigureAwait(false)).SingleOrDefault(), ct);
    }

    public Task<IReadOnlyList<ModelInfo>> ListModelsAsync(string? modelId = null, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<ModelInfo>>("list models", async session => modelId is null
            ? await session.QueryAsync($"SELECT {ModelColumns} FROM models ORDER BY model_id, version", ReadModelInfo, ct).ConfigureAwait(false)
            : await session.QueryAsync($"SELECT {ModelColumns} FROM models WHERE model_id = @id ORDER BY version", ReadModelInfo, ct,
                ("@id", modelId)).ConfigureAwait(false), ct);

    public Task<ModelInfo> ImportModelAsync(StoredModel model, string source, CancellationToken ct = default)
    {
        model.Validate();
        var (info, bytes) = model;
        return InTransactionAsync($"import {info} from {source}", async session =>
        {
            // Raise the version counter first: it takes the same lock as a save, so a save of this model id
            // either numbers its version past this one or has already stored it (and is caught below).
            await session.ExecuteAsync("""
                INSERT INTO model_ids (model_id, latest) VALUES (@id, @version)
                ON CONFLICT (model_id) DO UPDATE SET
                    latest = CASE WHEN model_ids.latest > excluded.latest THEN model_ids.latest ELSE excluded.latest END
                """, ct, ("@id", info.ModelId), ("@version", info.Version)).ConfigureAwait(false);
            var inserted = await session.ExecuteAsync(InsertModel + " ON CONFLICT (model_id, version) DO NOTHING", ct,
                ModelParameters(info, bytes)).ConfigureAwait(false);
            if (inserted == 1)
            {
                return info;
            }
            var existing = (await session.QueryAsync($"SELECT {ModelColumns} FROM models WHERE model_id = @id AND version = @version",
                ReadModelInfo, ct, ("@id", info.ModelId), ("@version", info.Version)).ConfigureAwait(false)).Single();
            return existing.SameContent(info)
                ? existing
                : throw new FlowStoreException(FlowStoreError.AlreadyExists,
                    $"cannot import {source}: {Description} already has a different {info} (SHA-256 {existing.Sha256[..12]}…, from job {existing.JobId})");
        }, ct);
    }

    private static (string, object?)[] ModelParameters(ModelInfo info, byte[] bytes) =>
    [
        ("@id", info.ModelId), ("@version", info.Version), ("@type", info.ComponentType), ("@party", info.Party), ("@role", info.Role),
        ("@job", info.JobId), ("@metadata", info.Metadata.ToJsonString()), ("@size", info.Size), ("@sha", info.Sha256),
        ("@created", SqlValues.Millis(info.CreatedAt)), ("@bytes", bytes),
    ];

    private static ModelInfo ReadModelInfo(DbDataReader reader) => new(
        reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5),
        reader.JsonObject(6), reader.GetInt64(7), reader.GetString(8), reader.Time(9));

    private static StoredModel ReadStoredModel(DbDataReader reader) => new(ReadModelInfo(reader), reader.GetFieldValue<byte[]>(10));
}
