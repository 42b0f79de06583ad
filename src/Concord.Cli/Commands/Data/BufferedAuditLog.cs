using Concord.Flow.Audit;

namespace Concord.Cli.Commands.Data;

/// <summary>Audit events a short CLI command gathers as it goes, to store in one append at its end.</summary>
internal sealed class BufferedAuditLog : IAuditLog
{
    private readonly List<AuditEvent> _events = [];

    public IReadOnlyList<AuditEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken ct = default)
    {
        lock (_events)
        {
            _events.Add(auditEvent);
        }
        return Task.CompletedTask;
    }
}
