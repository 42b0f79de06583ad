using System.Security.Cryptography;
using Concord.Federation.Messaging;
using Concord.Federation.Recording;

namespace Concord.Federation.Transport.Auditing;

/// <summary>
/// Any transport, with every message it delivers or hands to a receiver reported to an <see cref="IMessageAudit"/>:
/// its size and the SHA-256 of its payload bytes as on the wire. A sent payload is hashed as it streams out; a
/// received one is hashed beside its decoding, on the thread pool, from the bytes the transport already holds.
/// </summary>
public sealed class AuditedTransport(IFederationTransport inner, IMessageAudit audit) : IFederationTransport, IRecordsDeliveries
{
    public int SelfId => inner.SelfId;

    public FederationOptions Options => inner.Options;

    public async Task SendAsync(MessageKey key, PayloadWriter payload, CancellationToken ct)
    {
        // The transport calls the writer again on every retry; the last call is the one the peer accepted.
        (long Bytes, byte[] Digest)? delivered = null;
        await inner.SendAsync(key, async (destination, token) =>
        {
            using var digesting = new DigestingStream(destination);
            await payload(digesting, token).ConfigureAwait(false);
            delivered = (digesting.Written, digesting.Digest());
        }, ct).ConfigureAwait(false);
        if (delivered is { } sent)
        {
            await audit.RecordAsync(new MessageSeen(key, MessageDirection.Sent, sent.Bytes, Task.FromResult(sent.Digest), DateTimeOffset.UtcNow)).ConfigureAwait(false);
        }
    }

    public async Task<IncomingPayload> ReceiveAsync(MessageKey key, CancellationToken ct)
    {
        var payload = await inner.ReceiveAsync(key, ct).ConfigureAwait(false);
        // Opened now, so the bytes stay readable even once the receiver has decoded and disposed the payload
        // (an unlinked spool file stays readable through an open handle).
        var bytes = payload.OpenRead();
        var digest = Task.Run(async () =>
        {
            await using (bytes.ConfigureAwait(false))
            {
                return await SHA256.HashDataAsync(bytes, CancellationToken.None).ConfigureAwait(false);
            }
        }, CancellationToken.None);
        await audit.RecordAsync(new MessageSeen(key, MessageDirection.Received, payload.Length, digest, DateTimeOffset.UtcNow)).ConfigureAwait(false);
        return payload;
    }

    void IRecordsDeliveries.RecordDeliveriesTo(Transcript transcript) => (inner as IRecordsDeliveries)?.RecordDeliveriesTo(transcript);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
