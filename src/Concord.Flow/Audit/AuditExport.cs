using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Flow.Audit;

/// <summary>
/// A party's whole audit trail in one JSON file: its records and signed checkpoints, enough for another party or a
/// regulator to check it with nothing but the party's certificate (<c>concord audit verify --file F --cert C</c>).
/// </summary>
public sealed record AuditExport(string Format, int Party, DateTimeOffset ExportedAt, IReadOnlyList<AuditRecord> Records, IReadOnlyList<AuditCheckpoint> Checkpoints)
{
    public const string FormatName = "concord-audit-export/1";

    /// <summary>Exports larger than this are refused on reading, so a hostile file cannot exhaust memory.</summary>
    public const long MaxFileBytes = 2L * 1024 * 1024 * 1024;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static AuditExport Of(int party, IReadOnlyList<AuditRecord> records, IReadOnlyList<AuditCheckpoint> checkpoints) =>
        new(FormatName, party, DateTimeOffset.UtcNow, records, checkpoints);

    public async Task WriteAsync(Stream destination, CancellationToken ct) =>
        await JsonSerializer.SerializeAsync(destination, this, Json, ct).ConfigureAwait(false);

    public async Task WriteAsync(string path, CancellationToken ct)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(stream, ct).ConfigureAwait(false);
        }
    }

    /// <summary>Reads an export, with an error naming the file and what is wrong with it.</summary>
    public static async Task<AuditExport> ReadAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"audit export {path} does not exist", path);
        }
        if (new FileInfo(path).Length > MaxFileBytes)
        {
            throw new InvalidDataException($"audit export {path} is larger than {MaxFileBytes / (1024 * 1024)} MiB");
        }
        var stream = File.OpenRead(path);
        await using (stream.ConfigureAwait(false))
        {
            return await ReadAsync(stream, path, ct).ConfigureAwait(false);
        }
    }

    public static async Task<AuditExport> ReadAsync(Stream source, string name, CancellationToken ct)
    {
        AuditExport? export;
        try
        {
            export = await JsonSerializer.DeserializeAsync<AuditExport>(source, Json, ct).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"audit export {name} is not valid JSON: {ex.Message}", ex);
        }
        if (export is null || export.Format != FormatName)
        {
            throw new InvalidDataException($"{name} is not a Concord audit export (field \"format\" is \"{export?.Format}\", expected \"{FormatName}\")");
        }
        if (export.Records is null || export.Checkpoints is null || export.Records.Any(r => r is null || r.Kind is null || r.Subject is null || r.Hash is null || r.PreviousHash is null)
            || export.Checkpoints.Any(c => c is null || c.Hash is null || c.Signature is null))
        {
            throw new InvalidDataException($"audit export {name} lacks its \"records\" or \"checkpoints\", or has a record or checkpoint without its kind, subject, digests or signature");
        }
        return export;
    }

    /// <summary>The records of one job.</summary>
    public IEnumerable<AuditRecord> OfJob(string jobId) => Records.Where(r => r.JobId == jobId);
}
