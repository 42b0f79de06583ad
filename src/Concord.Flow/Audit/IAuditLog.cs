namespace Concord.Flow.Audit;

/// <summary>
/// A party's audit trail, as the rest of the node writes to it. Records are chained and stored in the order they
/// are appended; the returned task completes once the record is stored. Appends are batched, so a caller on a hot
/// path can leave the task unawaited.
/// </summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEvent auditEvent, CancellationToken ct = default);
}

public static class AuditLogExtensions
{
    /// <summary>Queues an event without waiting for it to be stored; a failure to store it is reported by the log itself.</summary>
    public static void AppendInBackground(this IAuditLog log, AuditEvent auditEvent) =>
        _ = log.AppendAsync(auditEvent).ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
}
