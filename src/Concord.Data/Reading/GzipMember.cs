using System.IO.Compression;
using System.IO.Hashing;

namespace Concord.Data;

/// <summary>
/// Decompresses a gzip file's first member as raw deflate data, skipping the header by hand (RFC 1952) and
/// checking nothing, to learn the CRC-32 and length the data really has when the gzip checks have failed.
/// </summary>
internal static class GzipMember
{
    private const byte TextFlag = 1, HeaderCrcFlag = 2, ExtraFlag = 4, NameFlag = 8, CommentFlag = 16;

    /// <summary>The first member's CRC-32 and length, or null if its header or deflate data is itself damaged.</summary>
    public static (uint Crc, long Length)? Inflate(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
            SkipHeader(file);
            using var deflate = new DeflateStream(file, CompressionMode.Decompress);
            var crc = new Crc32();
            var buffer = new byte[1 << 16];
            long length = 0;
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                crc.Append(buffer.AsSpan(0, read));
                length += read;
            }
            return (crc.GetCurrentHashAsUInt32(), length);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException)
        {
            return null;
        }
    }

    private static void SkipHeader(Stream file)
    {
        Span<byte> fixedPart = stackalloc byte[10];
        file.ReadExactly(fixedPart);
        if (fixedPart[0] != 0x1F || fixedPart[1] != 0x8B || fixedPart[2] != 8 || (fixedPart[3] & ~(TextFlag | HeaderCrcFlag | ExtraFlag | NameFlag | CommentFlag)) != 0)
        {
            throw new InvalidDataException("not a gzip header");
        }
        var flags = fixedPart[3];
        if ((flags & ExtraFlag) != 0)
        {
            Span<byte> length = stackalloc byte[2];
            file.ReadExactly(length);
            Skip(file, length[0] | (length[1] << 8));
        }
        foreach (var flag in new[] { NameFlag, CommentFlag })
        {
            if ((flags & flag) != 0)
            {
                while (ReadByte(file) != 0)
                {
                }
            }
        }
        if ((flags & HeaderCrcFlag) != 0)
        {
            Skip(file, 2);
        }
    }

    private static int ReadByte(Stream file) => file.ReadByte() is var b and >= 0 ? b : throw new EndOfStreamException();

    private static void Skip(Stream file, int count)
    {
        for (var i = 0; i < count; i++)
        {
            ReadByte(file);
        }
    }
}
