using System.Text.Unicode;

namespace Concord.Data;

/// <summary>
/// Streams a text file line by line as UTF-8 bytes, so that parsing needs no string per cell. Gzip files
/// (recognised by their magic bytes) are decompressed on the fly. Progress is reported in bytes of the file
/// itself read so far, which is what a progress bar over the file's size needs.
/// </summary>
/// <remarks>
/// A file cut short must not pass for a shorter complete one: a gzip file must end with its trailer (see
/// <see cref="CheckedGzip"/>), and a last line without the line break every other line has is refused unless
/// the caller allows it, since that is what a plain file cut mid-row looks like.
/// </remarks>
internal sealed class Utf8LineReader : IDisposable
{
    private const int MaxInitialBufferSize = 1 << 20;
    private const int MinInitialBufferSize = 1 << 16;

    /// <summary>How much of the start of the text is checked for being text at all.</summary>
    private const int SniffLength = 64 << 10;

    private readonly FileStream _file;
    private readonly CheckedGzip? _gzip;
    private readonly string _displayName;
    private readonly bool _allowUnterminatedLastLine;
    private readonly IProgress<long>? _progress;
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private bool _endOfFile;
    private bool _sniffed;

    private Utf8LineReader(FileStream file, CheckedGzip? gzip, string displayName, bool allowUnterminatedLastLine,
        IProgress<long>? progress, CancellationToken ct)
    {
        _file = file;
        _gzip = gzip;
        _displayName = displayName;
        _allowUnterminatedLastLine = allowUnterminatedLastLine;
        _progress = progress;
        _cancellationToken = ct;
        // A small file needs no megabyte of buffer (the buffer grows if a line is longer).
        _buffer = new byte[(int)Math.Clamp(file.Length + 1, MinInitialBufferSize, MaxInitialBufferSize)];
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>What has been read so far: the file's bytes, and the text they held (the same unless gzip).</summary>
    public SourceBytes Consumed => new(_file.Position, _gzip?.TextBytes ?? _file.Position, _gzip is not null);

    public static Utf8LineReader Open(string path, bool allowUnterminatedLastLine, IProgress<long>? progress, CancellationToken ct)
    {
        // The reader buffers itself, so the FileStream's own buffer would only add a copy.
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            file.Position = 0;
            if (got == 2 && ((magic[0] == 0xFF && magic[1] == 0xFE) || (magic[0] == 0xFE && magic[1] == 0xFF)))
            {
                throw new DataFormatException(path, null, null, "the file is UTF-16 text; save it as UTF-8");
            }
            var gzip = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new CheckedGzip(file, path) : null;
            return new Utf8LineReader(file, gzip, path, allowUnterminatedLastLine, progress, ct);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next line without its line ending; valid until the next call.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        var scanFrom = _start;
        while (true)
        {
            var newline = _buffer.AsSpan(scanFrom, _end - scanFrom).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TakeLine(scanFrom + newline - _start, consumed: scanFrom + newline + 1 - _start);
                return true;
            }
            if (_endOfFile)
            {
                if (_start == _end)
                {
                    line = default;
                    return false;
                }
                line = TakeLine(_end - _start, consumed: _end - _start);
                if (LineNumber > 1 && !_allowUnterminatedLastLine && !FieldSplitter.IsBlankLine(line))
                {
                    throw new DataFormatException(_displayName, LineNumber, null,
                        "the last line does not end with a line break as the others do, so the file looks cut short; "
                        + "nothing was stored (if the file is complete, allow it with --allow-unterminated-last-line)");
                }
                return true;
            }
            scanFrom = Fill(scanFrom);
        }
    }

    private ReadOnlySpan<byte> TakeLine(int length, int consumed)
    {
        var line = _buffer.AsSpan(_start, length);
        _start += consumed;
        if (line.Length > 0 && line[^1] == '\r')
        {
            line = line[..^1];
        }
        var byteOrderMark = "\uFEFF"u8;
        if (LineNumber++ == 0 && line.StartsWith(byteOrderMark))
        {
            line = line[byteOrderMark.Length..];
        }
        return line;
    }

    /// <summary>Reads more of the file; returns where the newline scan should resume after compaction.</summary>
    private int Fill(int scanFrom)
    {
        _cancellationToken.ThrowIfCancellationRequested();
        var scanned = scanFrom - _start;
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length)
        {
            // One line longer than the buffer: rare, so grow rather than fail.
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        var into = _buffer.AsSpan(_end);
        var read = _gzip?.Read(into) ?? _file.Read(into);
        _endOfFile = read == 0;
        _end += read;
        if (!_sniffed && read > 0)
        {
            // The first block read, before any line of it is parsed: at most a partial last character is cut off.
            _sniffed = true;
            RequireText(_buffer.AsSpan(0, Math.Min(_end, SniffLength)));
        }
        _progress?.Report(_file.Position);
        return _start + scanned;
    }

    /// <summary>
    /// Refuses a file that is not UTF-8 text before any of it is parsed, so that an image or an archive is called
    /// what it is rather than a table with an odd delimiter.
    /// </summary>
    private void RequireText(ReadOnlySpan<byte> start)
    {
        var zero = start.IndexOf((byte)0);
        if (zero >= 0)
        {
            throw new DataFormatException(_displayName, null, null,
                $"the file is not text (a zero byte at offset {zero:N0}{(_gzip is null ? "" : " of the decompressed data")}); "
                + "expected a CSV or tag:value file, plain or gzip");
        }
        if (!Utf8.IsValid(start) && !Utf8.IsValid(start[..LastCharacterStart(start)]))
        {
            throw new DataFormatException(_displayName, null, null,
                "the file is not UTF-8 text; save it as UTF-8 (a CSV or tag:value file, plain or gzip)");
        }
    }

    /// <summary>Where the last (possibly cut) UTF-8 sequence of a span starts: the sniffed block may end inside one.</summary>
    private static int LastCharacterStart(ReadOnlySpan<byte> text)
    {
        var i = text.Length;
        while (i > 0 && text.Length - i < 4 && (text[i - 1] & 0xC0) == 0x80)
        {
            i--;
        }
        return Math.Max(i - 1, 0);
    }

    public void Dispose()
    {
        _gzip?.Dispose();
        _file.Dispose();
    }
}
