using System.Buffers.Binary;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Gathers many small writes into 64 KiB chunks before they reach the stream.</summary>
internal sealed class ChunkWriter(Stream destination)
{
    private readonly byte[] _buffer = new byte[WireIO.ChunkBytes];
    private int _used;

    /// <summary>Writes a length-prefixed byte string.</summary>
    public async ValueTask WriteItemAsync(ReadOnlyMemory<byte> item, CancellationToken ct)
    {
        await WriteInt64Async(item.Length, ct).ConfigureAwait(false);
        await WriteAsync(item, ct).ConfigureAwait(false);
    }

    public ValueTask WriteInt64Async(long value, CancellationToken ct)
    {
        if (_buffer.Length - _used >= 8)
        {
            BinaryPrimitives.WriteInt64LittleEndian(_buffer.AsSpan(_used), value);
            _used += 8;
            return ValueTask.CompletedTask;
        }
        var bytes = new byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, value);
        return WriteAsync(bytes, ct);
    }

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct)
    {
        while (data.Length > 0)
        {
            if (_used == _buffer.Length)
            {
                await FlushAsync(ct).ConfigureAwait(false);
            }
            var n = Math.Min(data.Length, _buffer.Length - _used);
            data.Span[..n].CopyTo(_buffer.AsSpan(_used));
            _used += n;
            data = data[n..];
        }
    }

    public async ValueTask FlushAsync(CancellationToken ct)
    {
        if (_used > 0)
        {
            await destination.WriteAsync(_buffer.AsMemory(0, _used), ct).ConfigureAwait(false);
            _used = 0;
        }
    }
}
