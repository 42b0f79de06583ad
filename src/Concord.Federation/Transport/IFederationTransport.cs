using Concord.Federation.Messaging;

namespace Concord.Federation.Transport;

/// <summary>Writes one payload to the wire; called again on every retry.</summary>
public delegate ValueTask PayloadWriter(Stream destination, CancellationToken ct);

/// <summary>
/// Moves opaque payloads between parties. Delivery is exactly once per <see cref="MessageKey"/>:
/// a send completes when the peer holds the message, and a resend of a delivered key is dropped.
/// </summary>
public interface IFederationTransport : IAsyncDisposable
{
    /// <summary>The party id this transport speaks for.</summary>
    int SelfId { get; }

    FederationOptions Options { get; }

    Task SendAsync(MessageKey key, PayloadWriter payload, CancellationToken ct);

    /// <summary>Waits, up to <see cref="FederationOptions.ReceiveTimeout"/>, for the message with this key.</summary>
    Task<IncomingPayload> ReceiveAsync(MessageKey key, CancellationToken ct);
}
