namespace Concord.Federation.Messaging;

/// <summary>
/// Streams a payload to and from the wire. Codecs write element by element so that a 50 MB ciphertext
/// vector never exists as one contiguous byte array on either side.
/// </summary>
public interface IPayloadCodec<T>
{
    ValueTask WriteAsync(T value, Stream destination, CancellationToken ct);

    ValueTask<T> ReadAsync(Stream source, CancellationToken ct);
}
