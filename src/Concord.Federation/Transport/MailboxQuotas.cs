using System.Collections.Concurrent;

namespace Concord.Federation.Transport;

/// <summary>The node's memory and spool budgets for waiting messages, and one pair per job session.</summary>
internal sealed class MailboxQuotas(FederationOptions options)
{
    private readonly ByteBudget _nodeMemory = new("this node's memory for waiting messages", nameof(FederationOptions.NodeMemoryQuota), options.NodeMemoryQuota);
    private readonly ByteBudget _nodeSpool = new("this node's spool folder", nameof(FederationOptions.NodeSpoolQuota), options.NodeSpoolQuota);
    private readonly ConcurrentDictionary<string, (ByteBudget Memory, ByteBudget Spool)> _sessions = new();

    public long MemoryHeld => _nodeMemory.Held;

    public long SpoolHeld => _nodeSpool.Held;

    public PayloadCharge Charge(string session)
    {
        var (memory, spool) = _sessions.GetOrAdd(session, s => (
            new ByteBudget($"job session {s}'s memory for waiting messages", nameof(FederationOptions.JobMemoryQuota), options.JobMemoryQuota),
            new ByteBudget($"job session {s}'s spool", nameof(FederationOptions.JobSpoolQuota), options.JobSpoolQuota)));
        return new PayloadCharge(memory, _nodeMemory, spool, _nodeSpool);
    }

    /// <summary>Drops a closed session's budgets; payloads still charged to them give back to the node's budgets as usual.</summary>
    public void Forget(string session) => _sessions.TryRemove(session, out _);
}
