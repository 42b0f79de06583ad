namespace Concord.Federation.Transport;

/// <summary>A delivered payload waiting for its receiver: in memory if small, in a spool file if large.</summary>
public sealed class IncomingPayload : IDisposable
{
    private readonly byte[]? _bytes;
    private readonly string? _spoolFile;

    private IncomingPayload(byte[]? bytes, string? spoolFile, long length)
    {
        _bytes = bytes;
        _spoolFile = spoolFile;
        Length = length;
    }

    public long Length { get; }

    public static IncomingPayload InMemory(byte[] bytes) => new(bytes, null, bytes.Length);

    public static IncomingPayload Spooled(string file, long length) => new(null, file, length);

    /// <summary>
    /// Copies a stream into a payload, spilling to <paramref name="spoolDirectory"/> once it passes
    /// <paramref name="memoryLimit"/>, so that a large message never sits whole in memory.
    /// </summary>
    public static async Task<IncomingPayload> CaptureAsync(Stream source, long memoryLimit, string spoolDirectory, CancellationToken ct)
    {
        using var memory = new MemoryStream();
        var buffer = new byte[Messaging.Codecs.WireIO.ChunkBytes];
        int read;
        while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            memory.Write(buffer, 0, read);
            if (memory.Length > memoryLimit)
            {
                return await SpillAsync(memory, source, buffer, spoolDirectory, ct).ConfigureAwait(false);
            }
        }
        return InMemory(memory.ToArray());
    }

    private static async Task<IncomingPayload> SpillAsync(MemoryStream head, Stream rest, byte[] buffer, string spoolDirectory, CancellationToken ct)
    {
        Directory.CreateDirectory(spoolDirectory);
        var file = Path.Combine(spoolDirectory, $"{Guid.NewGuid():N}.payload");
        try
        {
            // Synchronous file I/O: on Linux .NET's "async" file streams only move the same call to the thread pool.
            await using var output = new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, buffer.Length, useAsync: false);
            head.Position = 0;
            await head.CopyToAsync(output, ct).ConfigureAwait(false);
            head.SetLength(0);
            int read;
            while ((read = await rest.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
            return Spooled(file, output.Length);
        }
        catch
        {
            File.Delete(file);
            throw;
        }
    }

    public Stream OpenRead() => _bytes is not null
        ? new MemoryStream(_bytes, writable: false)
        : new FileStream(_spoolFile!, FileMode.Open, FileAccess.Read, FileShare.Read, Messaging.Codecs.WireIO.ChunkBytes, useAsync: false);

    public void Dispose()
    {
        if (_spoolFile is not null)
        {
            File.Delete(_spoolFile);
        }
    }
}
