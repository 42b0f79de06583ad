using System.Collections.Concurrent;

namespace Concord.Federation.Transport.InMemory;

/// <summary>
/// Parties in one process, for tests. Payloads still go through their codecs, byte for byte as on the wire,
/// so a test exercises the same serialisation as a real deployment.
/// </summary>
public sealed class InMemoryNetwork
{
    private readonly ConcurrentDictionary<int, Mailbox> _mailboxes = new();
    private readonly ConcurrentDictionary<int, byte> _down = new();

    public InMemoryNetwork(FederationOptions? options = null)
    {
        Options = options ?? new FederationOptions();
    }

    public FederationOptions Options { get; }

    public InMemoryTransport Join(int partyId)
    {
        if (!_mailboxes.TryAdd(partyId, new Mailbox(Options)))
        {
            throw new InvalidOperationException($"party {partyId} has already joined this network");
        }
        return new InMemoryTransport(this, partyId);
    }

    /// <summary>Makes a party unreachable, as if its node had stopped.</summary>
    public void TakeDown(int partyId) => _down[partyId] = 0;

    internal Mailbox MailboxOf(int partyId, bool forDelivery)
    {
        if (forDelivery && _down.ContainsKey(partyId))
        {
            throw new IOException($"party {partyId} is down");
        }
        return _mailboxes.TryGetValue(partyId, out var mailbox)
            ? mailbox
            : throw new FederationException($"unknown party {partyId}: it has not joined this federation");
    }
}
