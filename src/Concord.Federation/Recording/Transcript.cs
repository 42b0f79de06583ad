using System.Collections.Concurrent;
using Concord.Federation.Messaging;

namespace Concord.Federation.Recording;

/// <summary>One message as its receiver got it: the key, the raw payload bytes, and the decoded value.</summary>
public sealed record TranscriptEntry(MessageKey Key, byte[] Payload, object? Value);

/// <summary>
/// Everything each party received, for privacy tests that assert what crossed the wire.
/// Recording copies payloads, so it is meant for tests and audits, not production runs.
/// </summary>
public sealed class Transcript
{
    private readonly ConcurrentQueue<TranscriptEntry> _entries = new();

    public IReadOnlyList<TranscriptEntry> Entries => _entries.ToList();

    public IEnumerable<TranscriptEntry> ReceivedBy(int partyId) => _entries.Where(e => e.Key.To.Id == partyId);

    internal void Record(TranscriptEntry entry) => _entries.Enqueue(entry);
}
