using System.IO.Compression;

namespace Concord.Data;

/// <summary>
/// Streams a text file line by line as UTF-8 bytes, so that parsing needs no string per cell. Gzip files
/// (recognised by their magic bytes) are decompressed on the fly. Progress is reported in bytes of the file
/// itself read so far, which is what a progress bar over the file's size needs.
/// </summary>
internal sealed class Utf8LineReader : IDisposable
{
    private const int InitialBufferSize = 1 << 20;

    private readonly FileStream _file;
    private readonly Stream _content;
    private readonly string _displayName;
    private readonly IProgress<long>? _progress;
    private readonly CancellationToken _cancellationToken;
    private byte[] _buffer = new byte[InitialBufferSize];
    private int _start;
    private int _end;
    private bool _endOfFile;

    private Utf8LineReader(FileStream file, Stream content, string displayName, IProgress<long>? progress, CancellationToken ct)
    {
        _file = file;
        _content = content;
        _displayName = displayName;
        _progress = progress;
        _cancellationToken = ct;
    }

    /// <summary>The 1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    public static Utf8LineReader Open(string path, IProgress<long>? progress, CancellationToken ct)
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
            Stream content = got == 2 && magic[0] == 0x1F && magic[1] == 0x8B ? new GZipStream(file, CompressionMode.Decompress) : file;
            return new Utf8LineReader(file, content, path, progress, ct);
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
        int read;
        try
        {
            read = _content.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(_displayName, null, null, $"the gzip data is damaged ({e.Message})");
        }
        _endOfFile = read == 0;
        _end += read;
        _progress?.Report(_file.Position);
        return _start + scanned;
    }

    public void Dispose()
    {
        _content.Dispose();
        _file.Dispose();
    }
}
