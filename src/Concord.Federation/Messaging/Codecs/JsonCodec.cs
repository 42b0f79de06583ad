using System.Text.Json;

namespace Concord.Federation.Messaging.Codecs;

/// <summary>Small structured messages (public keys, split decisions, task requests) travel as JSON.</summary>
internal sealed class JsonCodec<T> : IPayloadCodec<T>
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        IncludeFields = true,
    };

    private readonly BytesCodec _bytes = new();

    public ValueTask WriteAsync(T value, Stream destination, CancellationToken ct) =>
        _bytes.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(value, Options), destination, ct);

    public async ValueTask<T> ReadAsync(Stream source, CancellationToken ct)
    {
        var bytes = await _bytes.ReadAsync(source, ct).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options)
                ?? throw new InvalidDataException($"payload of type {typeof(T).Name} is null");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"payload is not a valid {typeof(T).Name}: {ex.Message}", ex);
        }
    }
}
