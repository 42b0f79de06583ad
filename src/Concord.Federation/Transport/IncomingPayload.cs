namespace Concord.Federation.Transport;

/// <summary>A delivered payload waiting for its receiver: in memory if small, in a spool file if large.</summary>
public sealed class IncomingPayload : IDisposable
{
    /// <summary>Spool files end so; nothing else in the spool folder is ever deleted.</summary>
    public const string SpoolExtension = ".payload";

    private readonly byte[]? _bytes;
    private readonly string? _spoolFile;
    private readonly PayloadCharge _charge;

    private IncomingPayload(byte[]? bytes, string? spoolFile, long length, PayloadCharge charge)
    {
        _bytes = bytes;
        _spoolFile = spoolFile;
        Length = length;
        _charge = charge;
    }

    public long Length { get; }

    /// <summary>
    /// Copies a stream into a payload charged to <paramref name="charge"/>: in memory while it is small and the
    /// memory budgets allow, else spilled to the spool folder, so a large message never sits whole in memory.
    /// Refuses a payload past <see cref="FederationOptions.MaxMessageBytes"/> or past a spool budget.
    /// </summary>
    internal static async Task<IncomingPayload> CaptureAsync(Stream source, PayloadCharge charge, FederationOptions options, CancellationToken ct)
    {
        try
        {
            using var memory = new MemoryStream();
            var buffer = new byte[Messaging.Codecs.WireIO.ChunkBytes];
            int read;
            while ((read = await source.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
            {
                CheckSize(memory.Length + read, options);
                if (memory.Length + read > options.InMemoryPayloadLimit || !charge.TryMemory(read))
                {
                    charge.MoveMemoryToSpool();
                    charge.Spool(read);
                    memory.Write(buffer, 0, read);
                    return await SpillAsync(memory, source, buffer, charge, options, ct).ConfigureAwait(false);
                }
                memory.Write(buffer, 0, read);
            }
            return new IncomingPayload(memory.ToArray(), null, memory.Length, charge);
        }
        catch
        {
            charge.Dispose();
            throw;
        }
    }

    private static void CheckSize(long length, FederationOptions options)
    {
        if (length > options.MaxMessageBytes)
        {
            throw new PayloadRefusedException(
                PayloadRefusedException.Cause.TooLarge,
                $"it passed {options.MessageLimit}");
        }
    }

    private static async Task<IncomingPayload> SpillAsync(MemoryStream head, Stream rest, byte[] buffer, PayloadCharge charge, FederationOptions options, CancellationToken ct)
    {
        Directory.CreateDirectory(options.SpoolDirectory);
        var file = Path.Combine(options.SpoolDirectory, $"{Guid.NewGuid():N}{SpoolExtension}");
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
                CheckSize(output.Length + read, options);
                charge.Spool(read);
                await output.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
            }
            return new IncomingPayload(null, file, output.Length, charge);
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

    /// <summary>Deletes the spool file and gives the bytes back to the budgets; safe to call more than once.</summary>
    public void Dispose()
    {
        if (_spoolFile is not null)
        {
            File.Delete(_spoolFile);
        }
        _charge.Dispose();
    }
}
