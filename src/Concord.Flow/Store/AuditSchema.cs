namespace Concord.Flow.Store;

/// <summary>
/// The audit trail's tables, part of <see cref="FlowSchema"/>. No foreign keys: a record outlives whatever it names.
/// The flow_meta row audit_head is locked by every append, so that concurrent appenders (the node and a CLI,
/// or several PostgreSQL clients) queue for the chain's next number.
/// </summary>
internal static class AuditSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS audit_records (
            seq BIGINT PRIMARY KEY,
            at BIGINT NOT NULL,
            kind TEXT NOT NULL,
            subject TEXT NOT NULL,
            job_id TEXT,
            peer INTEGER,
            bytes BIGINT,
            digest TEXT,
            actor TEXT,
            detail TEXT,
            prev_hash TEXT NOT NULL,
            hash TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS audit_by_job ON audit_records (job_id, seq);
        CREATE INDEX IF NOT EXISTS audit_by_time ON audit_records (at, seq);
        CREATE TABLE IF NOT EXISTS audit_checkpoints (
            seq BIGINT PRIMARY KEY,
            hash TEXT NOT NULL,
            signed_at BIGINT NOT NULL,
            signature TEXT NOT NULL);
        INSERT INTO flow_meta (name, value) VALUES ('audit_head', '0') ON CONFLICT (name) DO NOTHING;
        """;
}
