using Concord.Federation.Transport.Auditing;

namespace Concord.Flow.Audit;

/// <summary>
/// How a message becomes an audit event: the job it belongs to (its key carries the attempt, which Flow appends as
/// ".attempt-N"), the full key as the subject (so two parties' records of one message match), the other party as
/// the peer, and sender and receiver with their roles.
/// </summary>
internal static class MessageAuditEvents
{
    private const string AttemptSuffix = ".attempt-";

    public static AuditEvent Of(MessageSeen message, byte[]? digest)
    {
        var key = message.Key;
        var attempt = key.JobId.LastIndexOf(AttemptSuffix, StringComparison.Ordinal);
        return new AuditEvent(
            message.Direction == MessageDirection.Sent ? AuditKinds.MessageSent : AuditKinds.MessageReceived,
            Subject(key.JobId, key.Scope, key.Tag))
        {
            At = message.At,
            JobId = attempt > 0 ? key.JobId[..attempt] : key.JobId,
            Peer = message.Direction == MessageDirection.Sent ? key.To.Id : key.From.Id,
            Bytes = message.Bytes,
            Digest = digest is null ? null : Convert.ToHexStringLower(digest),
            Detail = $"{key.From} -> {key.To}",
        };
    }

    public static string Subject(string jobId, string scope, string tag) => $"{jobId}/{scope}/{tag}";
}
