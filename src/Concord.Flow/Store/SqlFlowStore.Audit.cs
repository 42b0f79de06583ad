using System.Data.Common;
using Concord.Flow.Audit;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    private const string AuditColumns = "seq, at, kind, subject, job_id, peer, bytes, digest, actor, detail, prev_hash, hash";

    public Task<IReadOnlyList<AuditRecord>> AppendAuditAsync(IReadOnlyList<AuditEvent> events, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(events);
        foreach (var e in events)
        {
            FlowStoreChecks.NotBlank(e.Kind, "audit event's kind");
            ArgumentNullException.ThrowIfNull(e.Subject);
        }
        return InTransactionAsync<IReadOnlyList<AuditRecord>>($"append {events.Count} audit record(s)", async session =>
        {
            // Locks the head row until commit (PostgreSQL; SQLite's write transaction already excludes other writers).
            await session.ExecuteAsync("UPDATE flow_meta SET value = value WHERE name = 'audit_head'", ct).ConfigureAwait(false);
            var last = (await session.QueryAsync($"SELECT {AuditColumns} FROM audit_records ORDER BY seq DESC LIMIT 1", ReadAuditRecord, ct)
                .ConfigureAwait(false)).SingleOrDefault();
            var (seq, previous) = last is null ? (0L, AuditChain.Genesis) : (last.Seq, last.Hash);
            var records = new List<AuditRecord>(events.Count);
            foreach (var e in events)
            {
                var record = AuditChain.Link(++seq, e, previous);
                await session.ExecuteAsync($"""
                    INSERT INTO audit_records ({AuditColumns})
                    VALUES (@seq, @at, @kind, @subject, @job, @peer, @bytes, @digest, @actor, @detail, @prev, @hash)
                    """, ct,
                    ("@seq", record.Seq), ("@at", SqlValues.Millis(record.At)), ("@kind", record.Kind), ("@subject", record.Subject),
                    ("@job", record.JobId), ("@peer", record.Peer), ("@bytes", record.Bytes), ("@digest", record.Digest),
                    ("@actor", record.Actor), ("@detail", record.Detail), ("@prev", record.PreviousHash), ("@hash", record.Hash)).ConfigureAwait(false);
                records.Add(record);
                previous = record.Hash;
            }
            return records;
        }, ct);
    }

    public Task<IReadOnlyList<AuditRecord>> AuditRecordsAsync(AuditQuery query, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = "seq > @after";
        List<(string, object?)> parameters = [("@after", query.AfterSeq)];
        if (query.JobId is not null)
        {
            where += " AND job_id = @job";
            parameters.Add(("@job", query.JobId));
        }
        if (query.Since is { } since)
        {
            where += " AND at >= @since";
            parameters.Add(("@since", SqlValues.Millis(since)));
        }
        var take = "";
        if (query.Limit is { } limit)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(limit, nameof(query.Limit));
            take = " LIMIT @limit";
            parameters.Add(("@limit", limit));
        }
        return RunAsync<IReadOnlyList<AuditRecord>>("read the audit trail", async session => await session.QueryAsync(
            $"SELECT {AuditColumns} FROM audit_records WHERE {where} ORDER BY seq{take}", ReadAuditRecord, ct, [.. parameters]).ConfigureAwait(false), ct);
    }

    public Task<AuditRecord?> LastAuditRecordAsync(CancellationToken ct = default) =>
        RunAsync("read the audit trail's last record", async session => (await session.QueryAsync(
            $"SELECT {AuditColumns} FROM audit_records ORDER BY seq DESC LIMIT 1", ReadAuditRecord, ct).ConfigureAwait(false)).SingleOrDefault(), ct);

    public Task SaveAuditCheckpointAsync(AuditCheckpoint checkpoint, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        FlowStoreChecks.Positive(checkpoint.Seq, "record number of an audit checkpoint");
        return RunAsync($"save the audit checkpoint at record {checkpoint.Seq}", session => session.ExecuteAsync("""
            INSERT INTO audit_checkpoints (seq, hash, signed_at, signature) VALUES (@seq, @hash, @at, @signature)
            ON CONFLICT (seq) DO NOTHING
            """, ct, ("@seq", checkpoint.Seq), ("@hash", checkpoint.Hash), ("@at", SqlValues.Millis(checkpoint.SignedAt)),
            ("@signature", checkpoint.Signature)), ct);
    }

    public Task<IReadOnlyList<AuditCheckpoint>> AuditCheckpointsAsync(CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<AuditCheckpoint>>("read the audit checkpoints", async session => await session.QueryAsync(
            "SELECT seq, hash, signed_at, signature FROM audit_checkpoints ORDER BY seq",
            reader => new AuditCheckpoint(reader.GetInt64(0), reader.GetString(1), reader.Time(2), reader.GetString(3)), ct).ConfigureAwait(false), ct);

    private static AuditRecord ReadAuditRecord(DbDataReader reader) => new(
        reader.GetInt64(0), reader.Time(1), reader.GetString(2), reader.GetString(3), reader.NullableString(4),
        reader.IsDBNull(5) ? null : reader.GetInt32(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.NullableString(7),
        reader.NullableString(8), reader.NullableString(9), reader.GetString(10), reader.GetString(11));
}
