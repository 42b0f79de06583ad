namespace Concord.Flow.Audit;

/// <summary>The audit log of a node started without one (a benchmark's baseline): it keeps nothing.</summary>
public sealed class NoAuditLog : IAuditLog
{
    public static readonly NoAuditLog Instance = new();

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken ct = default) => Task.CompletedTask;
}
