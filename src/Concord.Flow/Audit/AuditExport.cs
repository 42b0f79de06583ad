using System.Buffers;
using System.IO.Pipelines;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Concord.Flow.Audit;

/// <summary>
/// A party's whole audit trail in one file, enough for another party or a regulator to check it with nothing but the
/// party's certificate (<c>concord audit verify --file F --cert C</c>). JSON Lines, so that neither the node writing it
/// nor the reader checking it ever holds the whole trail: a header line, then one line per signed checkpoint, then one
/// line per record in order.
/// </summary>
public static class AuditExport
{
    public const string FormatName = "concord-audit-export/1";

    /// <summary>One JSON record a line.</summary>
    public const string MediaType = "application/x-ndjson";

    /// <summary>The longest line a reader accepts, so that a hostile file cannot exhaust its memory.</summary>
    public const int MaxLineBytes = 1024 * 1024;

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    public static async Task WriteAsync(Stream destination, int party, IReadOnlyList<AuditCheckpoint> checkpoints, IAsyncEnumerable<AuditRecord> records, CancellationToken ct)
    {
        await WriteLineAsync(destination, new ExportLine(new ExportHeader(FormatName, party, DateTimeOffset.UtcNow), null, null), ct).ConfigureAwait(false);
        foreach (var checkpoint in checkpoints)
        {
            await WriteLineAsync(destination, new ExportLine(null, checkpoint, null), ct).ConfigureAwait(false);
        }
        await foreach (var record in records.WithCancellation(ct).ConfigureAwait(false))
        {
            await WriteLineAsync(destination, new ExportLine(null, null, record), ct).ConfigureAwait(false);
        }
        await destination.FlushAsync(ct).ConfigureAwait(false);
    }

    public static async Task WriteAsync(string path, int party, IReadOnlyList<AuditCheckpoint> checkpoints, IAsyncEnumerable<AuditRecord> records, CancellationToken ct)
    {
        var stream = File.Create(path);
        await using (stream.ConfigureAwait(false))
        {
            await WriteAsync(stream, party, checkpoints, records, ct).ConfigureAwait(false);
        }
    }

    private static async Task WriteLineAsync(Stream destination, ExportLine line, CancellationToken ct)
    {
        await destination.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(line, Json), ct).ConfigureAwait(false);
        await destination.WriteAsync(NewLine, ct).ConfigureAwait(false);
    }

    internal sealed record ExportHeader(string Format, int Party, DateTimeOffset ExportedAt);

    /// <summary>One line of the file: exactly one of the three is set.</summary>
    internal sealed record ExportLine(ExportHeader? Header, AuditCheckpoint? Checkpoint, AuditRecord? Record);
}

/// <summary>
/// Reads an export one line at a time: <see cref="OpenAsync(string, CancellationToken)"/> reads the header and the
/// checkpoints, <see cref="RecordsAsync"/> then streams the records once. Every error names the file and the line.
/// </summary>
public sealed class AuditExportReader : IAsyncDisposable
{
    private readonly PipeReader _pipe;
    private readonly string _name;
    private AuditRecord? _firstRecord;
    private long _line;
    private bool _consumed;

    private AuditExportReader(PipeReader pipe, string name)
    {
        _pipe = pipe;
        _name = name;
    }

    public int Party { get; private set; }

    public DateTimeOffset ExportedAt { get; private set; }

    public IReadOnlyList<AuditCheckpoint> Checkpoints { get; private set; } = [];

    public static async Task<AuditExportReader> OpenAsync(string path, CancellationToken ct)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"audit export {path} does not exist", path);
        }
        return await OpenAsync(File.OpenRead(path), path, ct).ConfigureAwait(false);
    }

    /// <summary>Reads from <paramref name="source"/>, which the reader then owns and disposes.</summary>
    public static async Task<AuditExportReader> OpenAsync(Stream source, string name, CancellationToken ct)
    {
        var reader = new AuditExportReader(PipeReader.Create(source), name);
        try
        {
            if ((await reader.NextAsync(ct).ConfigureAwait(false))?.Header is not { } header)
            {
                throw new InvalidDataException($"{name} is not a Concord audit export: its first line is not an export header");
            }
            if (header.Format != AuditExport.FormatName)
            {
                throw new InvalidDataException($"{name} is an audit export of format \"{header.Format}\", but this Concord reads \"{AuditExport.FormatName}\"");
            }
            (reader.Party, reader.ExportedAt) = (header.Party, header.ExportedAt);
            var checkpoints = new List<AuditCheckpoint>();
            while (await reader.NextAsync(ct).ConfigureAwait(false) is { } line)
            {
                if (line.Checkpoint is { } checkpoint)
                {
                    checkpoints.Add(checkpoint.Hash is null || checkpoint.Signature is null
                        ? throw reader.Bad("a checkpoint without its hash or signature")
                        : checkpoint);
                }
                else
                {
                    reader._firstRecord = reader.RecordOf(line);
                    break;
                }
            }
            reader.Checkpoints = checkpoints;
            return reader;
        }
        catch
        {
            await reader.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The records, in the file's order; they can be read once.</summary>
    public async IAsyncEnumerable<AuditRecord> RecordsAsync([EnumeratorCancellation] CancellationToken ct = default)
    {
        if (_consumed)
        {
            throw new InvalidOperationException($"the records of {_name} have already been read");
        }
        _consumed = true;
        if (_firstRecord is null)
        {
            yield break;
        }
        yield return _firstRecord;
        while (await NextAsync(ct).ConfigureAwait(false) is { } line)
        {
            yield return RecordOf(line);
        }
    }

    private AuditRecord RecordOf(AuditExport.ExportLine line) =>
        line.Record is { Kind: not null, Subject: not null, Hash: not null, PreviousHash: not null } record
            ? record
            : throw Bad(line.Checkpoint is null ? "a record without its kind, subject or digests" : "a checkpoint after the first record");

    /// <summary>The next line, or null at the end of the file.</summary>
    private async Task<AuditExport.ExportLine?> NextAsync(CancellationToken ct)
    {
        while (true)
        {
            var read = await _pipe.ReadAsync(ct).ConfigureAwait(false);
            var buffer = read.Buffer;
            var end = buffer.PositionOf((byte)'\n');
            var line = end is { } position ? buffer.Slice(0, position) : buffer;
            if (line.Length > AuditExport.MaxLineBytes)
            {
                throw Bad($"a line longer than {AuditExport.MaxLineBytes} bytes", _line + 1);
            }
            if (end is null && !read.IsCompleted)
            {
                _pipe.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }
            var next = end is { } p ? buffer.GetPosition(1, p) : buffer.End;
            if (line.Length == 0 && end is null)
            {
                _pipe.AdvanceTo(buffer.End);
                return null;
            }
            _line++;
            AuditExport.ExportLine? parsed;
            try
            {
                var reader = new Utf8JsonReader(line);
                parsed = JsonSerializer.Deserialize<AuditExport.ExportLine>(ref reader, AuditExport.Json);
            }
            catch (JsonException ex)
            {
                throw Bad($"a line that is not valid JSON ({ex.Message})");
            }
            finally
            {
                _pipe.AdvanceTo(next);
            }
            return parsed ?? throw Bad("an empty line");
        }
    }

    private InvalidDataException Bad(string what, long? line = null) => new($"audit export {_name}, line {line ?? _line}: {what}");

    public async ValueTask DisposeAsync() => await _pipe.CompleteAsync().ConfigureAwait(false);
}
