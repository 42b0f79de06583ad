using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace Concord.Data;

/// <summary>
/// Decompresses a gzip file and accepts it only if it ends with the trailer gzip writes: the CRC-32 and the
/// length of what it decompressed. .NET's GZipStream checks a trailer that is there but stops silently where
/// the file stops, so without this a file cut short in transfer would be read as a shorter, complete one.
/// </summary>
/// <remarks>
/// Several gzip members written one after the other (<c>cat a.gz b.gz</c>) are one valid file. Its last trailer
/// covers only the last member's text, so it is checked against the text's tail, in a second pass that only
/// such files pay for; GZipStream has checked the earlier members' trailers, which a cut cannot remove.
/// </remarks>
internal sealed class CheckedGzip : IDisposable
{
    private const int TrailerLength = 8;

    private readonly FileStream _file;
    private readonly GZipStream _gzip;
    private readonly string _displayName;
    private readonly Crc32 _crc = new();
    private bool _ended;

    public CheckedGzip(FileStream file, string displayName)
    {
        _file = file;
        _displayName = displayName;
        _gzip = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
    }

    /// <summary>Decompressed bytes delivered so far.</summary>
    public long TextBytes { get; private set; }

    /// <summary>Like Stream.Read; at the end of the data, first checks the trailer and throws if it does not match.</summary>
    public int Read(Span<byte> buffer)
    {
        if (_ended)
        {
            return 0;
        }
        int read;
        try
        {
            read = _gzip.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Damaged();
        }
        if (read == 0)
        {
            _ended = true;
            VerifyTrailer();
            return 0;
        }
        _crc.Append(buffer[..read]);
        TextBytes += read;
        return read;
    }

    private void VerifyTrailer()
    {
        var (crc, length) = Trailer();
        if (crc == _crc.GetCurrentHashAsUInt32() && length == (uint)TextBytes)
        {
            return;
        }
        if (length < TextBytes && LastMemberMatches(crc, length))
        {
            return;
        }
        throw new DataFormatException(_displayName, null, null,
            $"the gzip data ends without its trailer (CRC-32 and length) after {_file.Length:N0} bytes: the file is cut short or damaged; "
            + $"{TextBytes:N0} bytes of text were decompressed and nothing was stored");
    }

    /// <summary>The trailer as the file's last 8 bytes hold it: CRC-32, then the length modulo 2^32.</summary>
    private (uint Crc, uint Length) Trailer()
    {
        Span<byte> trailer = stackalloc byte[TrailerLength];
        var size = RandomAccess.GetLength(_file.SafeFileHandle);
        if (size < TrailerLength || RandomAccess.Read(_file.SafeFileHandle, trailer, size - TrailerLength) != TrailerLength)
        {
            return (0, uint.MaxValue);
        }
        return (BinaryPrimitives.ReadUInt32LittleEndian(trailer), BinaryPrimitives.ReadUInt32LittleEndian(trailer[4..]));
    }

    /// <summary>Whether the last <paramref name="length"/> bytes of the text have the CRC the trailer names (several members).</summary>
    private bool LastMemberMatches(uint crc, uint length)
    {
        using var again = new FileStream(_file.Name, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var gzip = new GZipStream(again, CompressionMode.Decompress);
        var skip = TextBytes - length;
        var tail = new Crc32();
        var buffer = new byte[1 << 16];
        try
        {
            int read;
            while ((read = gzip.Read(buffer)) > 0)
            {
                var from = (int)Math.Clamp(skip, 0, read);
                tail.Append(buffer.AsSpan(from, read - from));
                skip -= from;
            }
        }
        catch (InvalidDataException)
        {
            return false;
        }
        return tail.GetCurrentHashAsUInt32() == crc;
    }

    /// <summary>
    /// GZipStream reports a bad CRC as "unsupported compression method", and throws before handing out the
    /// data's last bytes; decompressing the deflate data again without the gzip checks tells which it was.
    /// </summary>
    private DataFormatException Damaged()
    {
        var (crc, length) = Trailer();
        var deflated = GzipMember.Inflate(_file.Name);
        var problem = deflated is not { } d
            ? $"the gzip data is damaged after {TextBytes:N0} bytes of text (it is not valid deflate data)"
            : (uint)d.Length == length && d.Crc != crc
                ? $"the gzip CRC-32 in the trailer ({crc:x8}) does not match the data ({d.Crc:x8}): the file is damaged"
                : d.Crc == crc && (uint)d.Length != length
                    ? $"the gzip trailer gives a length of {length:N0} bytes but the data is {d.Length:N0}: the file is damaged"
                    : $"the gzip data is damaged after {TextBytes:N0} bytes of text (its checks fail)";
        return new DataFormatException(_displayName, null, null, problem);
    }

    public void Dispose() => _gzip.Dispose();
}
