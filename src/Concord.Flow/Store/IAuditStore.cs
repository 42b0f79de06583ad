using Concord.Flow.Audit;

namespace Concord.Flow.Store;

/// <summary>
/// A party's audit trail as its flow store keeps it: a hash chain of records numbered 1, 2, 3, ... and the signed
/// checkpoints over it. Appends from any number of threads and processes join one chain, in one order.
/// </summary>
public interface IAuditStore
{
    /// <summary>Chains the events after the last stored record and stores them together (all or none); returns the records.</summary>
    Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default);

    /// <summary>The records the query selects, by number.</summary>
    Task<IReadOnlyList<AuditRecord>> AuditRecordsAsync(AuditQuery query, CancellationToken ct = default);

    /// <summary>The last record, or null when the trail is empty.</summary>
    Task<AuditRecord?> LastAuditRecordAsync(CancellationToken ct = default);

    /// <summary>Stores a checkpoint; one already stored for the same record is kept.</summary>
    Task SaveAuditCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken ct = default);

    /// <summary>Every checkpoint, by record number.</summary>
    Task<IReadOnlyList<AuditCheckpoint>> AuditCheckpointsAsync(CancellationToken ct = default);
}
