using System.Buffers.Binary;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>
/// Reads many small items from a stream through one 64 KiB buffer, so that a vector of 100,000 ciphertexts
/// costs a few hundred stream reads rather than 200,000. Items are parsed synchronously while buffered.
/// </summary>
internal sealed class ChunkReader(Stream source)
{
    private readonly byte[] _buffer = new byte[WireIO.ChunkBytes];
    private int _start;
    private int _end;

    private int Buffered => _end - _start;

    /// <summary>Reads a length-prefixed byte string if it is wholly buffered.</summary>
    public bool TryReadItem(long maxLength, out byte[] item)
    {
        item = [];
        if (Buffered < 8)
        {
            return false;
        }
        var length = BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(_start));
        CheckLength(length, maxLength);
        if (Buffered < 8 + length)
        {
            return false;
        }
        item = _buffer.AsSpan(_start + 8, (int)length).ToArray();
        _start += 8 + (int)length;
        return true;
    }

    /// <summary>Reads a length-prefixed byte string of any size, refilling as needed.</summary>
    public async ValueTask<byte[]> ReadItemAsync(long maxLength, CancellationToken ct)
    {
        var length = await ReadInt64Async(ct).ConfigureAwait(false);
        CheckLength(length, maxLength);
        var item = new byte[length];
        await ReadExactlyAsync(item, ct).ConfigureAwait(false);
        return item;
    }

    /// <summary>The next <paramref name="count"/> bytes, which <see cref="EnsureAsync"/> must have buffered; valid until the next read.</summary>
    public ReadOnlySpan<byte> Take(int count)
    {
        if (Buffered < count)
        {
            throw new InvalidOperationException($"only {Buffered} of {count} bytes are buffered");
        }
        _start += count;
        return _buffer.AsSpan(_start - count, count);
    }

    public async ValueTask<long> ReadInt64Async(CancellationToken ct)
    {
        await EnsureAsync(8, ct).ConfigureAwait(false);
        var value = BinaryPrimitives.ReadInt64LittleEndian(_buffer.AsSpan(_start));
        _start += 8;
        return value;
    }

    public async ValueTask ReadExactlyAsync(Memory<byte> destination, CancellationToken ct)
    {
        var fromBuffer = Math.Min(Buffered, destination.Length);
        _buffer.AsMemory(_start, fromBuffer).CopyTo(destination);
        _start += fromBuffer;
        if (fromBuffer < destination.Length)
        {
            await WireIO.ReadExactlyAsync(source, destination[fromBuffer..], ct).ConfigureAwait(false);
        }
    }

    /// <summary>Tops the buffer up to at least <paramref name="count"/> bytes (at most the buffer size).</summary>
    public async ValueTask EnsureAsync(int count, CancellationToken ct)
    {
        if (Buffered >= count)
        {
            return;
        }
        Buffer.BlockCopy(_buffer, _start, _buffer, 0, Buffered);
        _end = Buffered;
        _start = 0;
        while (_end < count)
        {
            var read = await source.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            if (read == 0)
            {
                throw new InvalidDataException("payload is truncated: the stream ended before the declared length");
            }
            _end += read;
        }
    }

    /// <summary>Refills with whatever the stream has, up to a full buffer; false at the end of the stream.</summary>
    public async ValueTask FillAsync(CancellationToken ct)
    {
        if (_end - _start == _buffer.Length)
        {
            return;
        }
        await EnsureAsync(Buffered + 1, ct).ConfigureAwait(false);
    }

    private static void CheckLength(long length, long maxLength)
    {
        if (length < 0 || length > maxLength || length > Array.MaxLength)
        {
            throw new InvalidDataException($"payload declares length {length}, outside 0..{Math.Min(maxLength, Array.MaxLength)}");
        }
    }
}
