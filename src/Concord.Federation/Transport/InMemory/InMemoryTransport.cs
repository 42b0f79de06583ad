using Concord.Federation.Messaging;
using Concord.Federation.Recording;

namespace Concord.Federation.Transport.InMemory;

public sealed class InMemoryTransport : IFederationTransport, IRecordsDeliveries
{
    private readonly InMemoryNetwork _network;

    internal InMemoryTransport(InMemoryNetwork network, int selfId)
    {
        _network = network;
        SelfId = selfId;
    }

    public int SelfId { get; }

    public FederationOptions Options => _network.Options;

    public async Task SendAsync(MessageKey key, PayloadWriter payload, CancellationToken ct)
    {
        Mailbox mailbox;
        try
        {
            mailbox = _network.MailboxOf(key.To.Id, forDelivery: true);
        }
        catch (IOException ex)
        {
            throw new PeerUnreachableException($"party {key.To} is unreachable: {ex.Message}", key.To, ex);
        }
        using var buffer = new MemoryStream();
        await payload(buffer, ct).ConfigureAwait(false);
        buffer.Position = 0;
        IncomingPayload captured;
        try
        {
            captured = await mailbox.CaptureAsync(key, buffer, ct).ConfigureAwait(false);
        }
        catch (PayloadRefusedException ex)
        {
            throw new FederationException($"party {key.To} refused \"{key.Tag}\" ({key.Scope}): {ex.Message}", key.To, ex);
        }
        mailbox.Deliver(key, captured);
    }

    public Task<IncomingPayload> ReceiveAsync(MessageKey key, CancellationToken ct) =>
        _network.MailboxOf(SelfId, forDelivery: false).TakeAsync(key, Options.ReceiveTimeout, ct);

    void IRecordsDeliveries.RecordDeliveriesTo(Transcript transcript) =>
        _network.MailboxOf(SelfId, forDelivery: false).RecordDeliveriesTo(transcript);

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
