using System.Text.Json;

namespace Concord.Flow.Store;

/// <summary>The size and SHA-256 (lower-case hex) of one file in a model export.</summary>
public sealed record ManifestFile(long Size, string Sha256);

/// <summary>
/// manifest.json of a model export: the model's registry record, and the size and SHA-256 of every other file in
/// the archive. The export's signature covers these bytes, and through the digests the files as well.
/// </summary>
public sealed record ModelManifest(string Format, int FormatVersion, ModelInfo Model, IReadOnlyDictionary<string, ManifestFile> Files)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        // A field given twice would let two readers of one signed manifest see two different models.
        AllowDuplicateProperties = false,
    };

    public static ModelManifest Of(ModelInfo info, string parametersFile) => new(
        ModelArchive.Format, ModelArchive.FormatVersion, info, new Dictionary<string, ManifestFile> { [parametersFile] = new(info.Size, info.Sha256) });

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    /// <summary>Reads a manifest, checking its format and version before its fields so that an older export says so.</summary>
    /// <exception cref="InvalidDataException">The bytes are not a manifest this version reads.</exception>
    public static ModelManifest Parse(byte[] bytes)
    {
        try
        {
            using (var document = JsonDocument.Parse(bytes, new JsonDocumentOptions { AllowDuplicateProperties = false }))
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String
                    || format.GetString() != ModelArchive.Format)
                {
                    throw new InvalidDataException($"{ModelArchive.ManifestName} does not say \"format\": \"{ModelArchive.Format}\"");
                }
                if (!root.TryGetProperty("formatVersion", out var version) || version.ValueKind != JsonValueKind.Number || version.GetRawText() != $"{ModelArchive.FormatVersion}")
                {
                    throw new InvalidDataException($"{ModelArchive.ManifestName} has format version {(root.TryGetProperty("formatVersion", out var v) ? v.GetRawText() : "(none)")}, but this Concord reads version {ModelArchive.FormatVersion}");
                }
            }
            return JsonSerializer.Deserialize<ModelManifest>(bytes, Json) ?? throw new InvalidDataException($"{ModelArchive.ManifestName} is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{ModelArchive.ManifestName} is not a valid manifest: {ex.Message}", ex);
        }
    }

}
