using System.Buffers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Concord.Flow.Store;

/// <summary>
/// The file a model is exported to: JSON naming its format, the model (description and base64 bytes), and the
/// SHA-256 of the model member exactly as written, so that a change to any field, not only to the bytes, is caught.
/// </summary>
public static class ModelFile
{
    public const string Format = "concord-model";
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions BodyOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Writes the file whole or not at all: a crash mid-write leaves no half file under the name.</summary>
    public static async Task WriteAsync(string path, StoredModel model, CancellationToken ct)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(model, BodyOptions);
        var file = new ArrayBufferWriter<byte>(body.Length + 256);
        using (var writer = new Utf8JsonWriter(file))
        {
            writer.WriteStartObject();
            writer.WriteString("format", Format);
            writer.WriteNumber("formatVersion", FormatVersion);
            writer.WriteString("sha256", Hex(SHA256.HashData(body)));
            writer.WritePropertyName("model");
            writer.WriteRawValue(body, skipInputValidation: true);
            writer.WriteEndObject();
        }
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            await File.WriteAllBytesAsync(temporary, file.WrittenMemory.ToArray(), ct).ConfigureAwait(false);
            File.Move(temporary, path, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            File.Delete(temporary);
            throw new FlowStoreException(FlowStoreError.Unavailable, $"cannot write model file {path}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads and checks a model file; any damage is reported with the file's name.</summary>
    public static async Task<StoredModel> ReadAsync(string path, CancellationToken ct)
    {
        byte[] bytes;
        try
        {
            bytes = await File.ReadAllBytesAsync(path, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new FlowStoreException(FlowStoreError.NotFound, $"model file {path} does not exist", ex);
        }
        try
        {
            return Parse(path, bytes);
        }
        catch (JsonException ex)
        {
            throw Corrupt(path, $"it is not valid JSON ({ex.Message})", ex);
        }
        catch (Exception ex) when (ex is FormatException or KeyNotFoundException or ArgumentException or InvalidOperationException and not FlowStoreException)
        {
            // A member missing or of the wrong type, bad base64, or a blank field.
            throw Corrupt(path, ex.Message, ex);
        }
    }

    private static StoredModel Parse(string path, byte[] bytes)
    {
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != Format)
        {
            throw Corrupt(path, $"it is not a Concord model export (no \"format\": \"{Format}\")");
        }
        var version = root.GetProperty("formatVersion").GetInt32();
        if (version != FormatVersion)
        {
            throw Corrupt(path, $"it has format version {version}, but this Concord reads version {FormatVersion}");
        }
        var model = root.GetProperty("model");
        // The checksum covers the member's bytes as they stand in the file, not a re-serialization of them.
        if (Hex(SHA256.HashData(JsonMarshal.GetRawUtf8Value(model))) != root.GetProperty("sha256").GetString())
        {
            throw Corrupt(path, "its checksum does not match its contents");
        }
        var (info, content) = model.Deserialize<StoredModel>(BodyOptions) ?? throw Corrupt(path, "its model is null");
        if (info is null || content is null || info.Metadata is null || info.Sha256 != Hex(SHA256.HashData(content)) || info.Size != content.Length)
        {
            throw Corrupt(path, "its model bytes do not match their recorded size and SHA-256");
        }
        new NewModel(info.ModelId, info.ComponentType, info.Party, info.Role, info.JobId, info.Metadata, content).Validate();
        FlowStoreChecks.Positive(info.Version, $"version of model {info.ModelId}");
        return new StoredModel(info, content);
    }

    internal static string Hex(byte[] hash) => Convert.ToHexStringLower(hash);

    private static FlowStoreException Corrupt(string path, string why, Exception? inner = null) =>
        new(FlowStoreError.CorruptFile, $"model file {path} cannot be imported: {why}", inner);
}
