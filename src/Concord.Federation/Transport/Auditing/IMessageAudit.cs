using Concord.Federation.Messaging;

namespace Concord.Federation.Transport.Auditing;

public enum MessageDirection
{
    Sent,
    Received,
}

/// <summary>
/// One message as this party saw it pass: its key, its size and the SHA-256 of its payload bytes as on the wire.
/// The digest of a received message may still be in the making when it is reported, so that hashing never delays
/// the receiver; whoever keeps the record awaits it.
/// </summary>
public sealed record MessageSeen(MessageKey Key, MessageDirection Direction, long Bytes, Task<byte[]> Sha256, DateTimeOffset At);

/// <summary>
/// Where a party's transport reports every message it sent or received, for the party's audit trail. The
/// federation layer defines it and a higher layer keeps the records. It is called on the message path, so it must
/// only queue the record (and may make the caller wait only while its bounded queue is full).
/// </summary>
public interface IMessageAudit
{
    ValueTask RecordAsync(MessageSeen message);
}
