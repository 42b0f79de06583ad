using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Concord.Federation.Messaging;
using Concord.Federation.Recording;
using Concord.Federation.Security;

namespace Concord.Federation.Transport.Http;

/// <summary>
/// Federation over HTTP/2 with mutual TLS: sends go to each peer's node; receives come from this
/// party's own mailbox, which its <see cref="FederationServer"/> fills.
/// </summary>
public sealed class HttpTransport : IFederationTransport, IRecordsDeliveries
{
    private readonly Mailbox _mailbox;
    private readonly PartyDirectory _directory;
    private readonly X509Certificate2 _certificate;
    private readonly PeerValidator _validator;
    private readonly ConcurrentDictionary<int, PeerClient> _peers = new();

    public HttpTransport(int selfId, Mailbox mailbox, PartyDirectory directory, X509Certificate2 certificate, X509Certificate2 federationCa, FederationOptions options, Revocations? revocations = null)
    {
        SelfId = selfId;
        _mailbox = mailbox;
        _directory = directory;
        _certificate = certificate;
        _validator = new PeerValidator(federationCa, revocations);
        Options = options;
    }

    public int SelfId { get; }

    public FederationOptions Options { get; }

    public Task SendAsync(MessageKey key, PayloadWriter payload, CancellationToken ct) =>
        Peer(key.To.Id).DeliverAsync(key, payload, ct);

    public Task<IncomingPayload> ReceiveAsync(MessageKey key, CancellationToken ct) =>
        _mailbox.TakeAsync(key, Options.ReceiveTimeout, ct);

    void IRecordsDeliveries.RecordDeliveriesTo(Transcript transcript) => _mailbox.RecordDeliveriesTo(transcript);

    private PeerClient Peer(int partyId) => _peers.GetOrAdd(
        partyId,
        id => new PeerClient(id, _directory.AddressOf(id), _certificate, _validator, Options));

    public ValueTask DisposeAsync()
    {
        foreach (var peer in _peers.Values)
        {
            peer.Dispose();
        }
        _peers.Clear();
        return ValueTask.CompletedTask;
    }
}
