using System.Runtime.InteropServices;

namespace Concord.Data;

/// <summary>
/// The files under a partition folder. A value column is its doubles as raw little-endian bytes, so a load
/// is one read straight into the array the table uses, with no parsing. Ids are a count followed by
/// length-prefixed UTF-8 strings (BinaryWriter's encoding).
/// </summary>
internal static class ColumnFile
{
    public static void WriteDoubles(string path, ReadOnlySpan<double> values)
    {
        RequireLittleEndian();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        file.Write(MemoryMarshal.AsBytes(values));
        // Flushed to the disk before the metadata names the table, so a crash cannot leave a named table with lost values.
        file.Flush(flushToDisk: true);
    }

    public static void ReadDoubles(string path, Span<double> destination)
    {
        RequireLittleEndian();
        using var handle = File.OpenHandle(path);
        var bytes = MemoryMarshal.AsBytes(destination);
        var length = RandomAccess.GetLength(handle);
        if (length != bytes.Length)
        {
            throw new InvalidDataException($"{path} has {length} bytes where {bytes.Length} were expected; the table is damaged");
        }
        var offset = 0;
        while (offset < bytes.Length)
        {
            offset += RandomAccess.Read(handle, bytes[offset..], offset);
        }
    }

    public static void WriteIds(string path, IReadOnlyList<string> ids, int first, int count)
    {
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        using (var writer = new BinaryWriter(file, System.Text.Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(count);
            for (var i = first; i < first + count; i++)
            {
                writer.Write(ids[i]);
            }
        }
        file.Flush(flushToDisk: true);
    }

    public static void ReadIds(string path, Span<string> destination)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = new BinaryReader(file, System.Text.Encoding.UTF8);
        var count = reader.ReadInt32();
        if (count != destination.Length)
        {
            throw new InvalidDataException($"{path} holds {count} ids where {destination.Length} were expected; the table is damaged");
        }
        for (var i = 0; i < count; i++)
        {
            destination[i] = reader.ReadString();
        }
    }

    private static void RequireLittleEndian()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("table column files are little-endian and this machine is not");
        }
    }
}
