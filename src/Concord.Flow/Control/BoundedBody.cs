using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Control;

/// <summary>
/// A request body read only up to a limit: the federation server sets no body limit (its messages stream), so
/// every endpoint that takes a body whole bounds it here.
/// </summary>
internal static class BoundedBody
{
    /// <summary>
    /// Copies the body into <paramref name="to"/>; false, with the copy abandoned, as soon as the body declares or
    /// turns out to be longer than <paramref name="limit"/> bytes.
    /// </summary>
    public static async Task<bool> CopyAtMostAsync(HttpRequest request, Stream to, long limit, CancellationToken ct)
    {
        if (request.ContentLength > limit)
        {
            return false;
        }
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while ((read = await request.Body.ReadAsync(buffer, ct).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > limit)
            {
                return false;
            }
            await to.WriteAsync(buffer.AsMemory(0, read), ct).ConfigureAwait(false);
        }
        return true;
    }

    /// <summary>
    /// The body as JSON of <typeparamref name="T"/> (<see cref="ControlJson"/>), read only up to <paramref name="limit"/>
    /// bytes: null for a body over it; an <see cref="InvalidDataException"/> saying it is not <paramref name="what"/> for
    /// one that does not parse. <paramref name="delivered"/>, when given, sees the bytes as they arrived.
    /// </summary>
    public static async Task<T?> ReadJsonAsync<T>(HttpRequest request, long limit, string what, CancellationToken ct, Action<byte[]>? delivered = null)
        where T : class
    {
        using var body = new MemoryStream();
        if (!await CopyAtMostAsync(request, body, limit, ct).ConfigureAwait(false))
        {
            return null;
        }
        delivered?.Invoke(body.ToArray());
        try
        {
            return JsonSerializer.Deserialize<T>(body.GetBuffer().AsSpan(0, (int)body.Length), ControlJson.Options)
                ?? throw new InvalidDataException($"the body is not {what}");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"the body is not {what}: {ex.Message}", ex);
        }
    }
}
