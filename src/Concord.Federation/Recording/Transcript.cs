using System.Collections.Concurrent;
using Concord.Federation.Messaging;

namespace Concord.Federation.Recording;

/// <summary>One message as its receiver got it: the key, the raw payload bytes, and the decoded value.</summary>
public sealed record TranscriptEntry(MessageKey Key, byte[] Payload, object? Value);

/// <summary>
/// One message as it landed in its receiver's mailbox, before any code of the receiver chose to read it: what a
/// curious receiver holds, whether or not its protocol asks for it. The key names the receiver, sender and tag.
/// </summary>
public sealed record Delivery(MessageKey Key, byte[] Payload);

/// <summary>
/// What each party was delivered and what its protocol read, for privacy tests that assert what crossed the wire.
/// <see cref="Delivered"/> is recorded by the mailbox (in-memory or at the HTTP receiver) as each message lands;
/// <see cref="Entries"/> by the receiving code as it reads, with the decoded value. A message delivered but never
/// read shows in the first only (<see cref="Unread"/>). Recording copies payloads, so it is meant for tests and
/// audits, not production runs.
/// </summary>
public sealed class Transcript
{
    private readonly ConcurrentQueue<TranscriptEntry> _entries = new();
    private readonly ConcurrentQueue<Delivery> _delivered = new();
    private readonly ConcurrentDictionary<MessageKey, byte> _deliveredKeys = new();

    /// <summary>What the receiving code read, decoded.</summary>
    public IReadOnlyList<TranscriptEntry> Entries => _entries.ToList();

    public IEnumerable<TranscriptEntry> ReceivedBy(int partyId) => _entries.Where(e => e.Key.To.Id == partyId);

    /// <summary>Every message delivered to a mailbox this transcript records, in order of arrival.</summary>
    public IReadOnlyList<Delivery> Delivered => _delivered.ToList();

    public IEnumerable<Delivery> DeliveredTo(int partyId) => _delivered.Where(d => d.Key.To.Id == partyId);

    /// <summary>The messages delivered to <paramref name="partyId"/> that its protocol has not read (so far).</summary>
    public IReadOnlyList<Delivery> Unread(int partyId)
    {
        var read = ReceivedBy(partyId).Select(e => e.Key).ToHashSet();
        return [.. DeliveredTo(partyId).Where(d => !read.Contains(d.Key))];
    }

    internal void Record(TranscriptEntry entry) => _entries.Enqueue(entry);

    /// <summary>A mailbox delivers each key once, but may report it again when a transcript attaches; recorded once.</summary>
    internal void RecordDelivery(Delivery delivery)
    {
        if (_deliveredKeys.TryAdd(delivery.Key, 0))
        {
            _delivered.Enqueue(delivery);
        }
    }
}
