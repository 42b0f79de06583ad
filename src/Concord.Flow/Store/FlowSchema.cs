namespace Concord.Flow.Store;

/// <summary>
/// The store's tables, in SQL that SQLite and PostgreSQL both accept once two types are filled in. Integers that
/// may exceed 2^31 are BIGINT; times are Unix milliseconds. Creating the schema is idempotent.
/// Models name their job without a foreign key: an imported model's job ran on another deployment.
/// </summary>
internal static class FlowSchema
{
    public const int Version = 1;

    /// <param name="serialKey">An integer primary key the database numbers itself.</param>
    /// <param name="blob">The type of a byte string.</param>
    public static string Create(string serialKey, string blob) => $"""
        CREATE TABLE IF NOT EXISTS flow_meta (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        CREATE TABLE IF NOT EXISTS jobs (
            seq {serialKey},
            job_id TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            initiator INTEGER NOT NULL,
            roster TEXT NOT NULL,
            job_file TEXT NOT NULL,
            seed BIGINT NOT NULL,
            state TEXT NOT NULL,
            error TEXT,
            created_at BIGINT NOT NULL,
            started_at BIGINT,
            ended_at BIGINT,
            log_seq BIGINT NOT NULL DEFAULT 0);
        CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, seq);
        CREATE TABLE IF NOT EXISTS tasks (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            component TEXT NOT NULL,
            party INTEGER NOT NULL,
            role TEXT NOT NULL,
            state TEXT NOT NULL,
            error TEXT,
            progress DOUBLE PRECISION NOT NULL,
            status TEXT,
            attempt INTEGER NOT NULL,
            started_at BIGINT,
            ended_at BIGINT,
            PRIMARY KEY (job_id, component, party));
        CREATE TABLE IF NOT EXISTS logs (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            seq BIGINT NOT NULL,
            component TEXT NOT NULL,
            party INTEGER NOT NULL,
            level TEXT NOT NULL,
            message TEXT NOT NULL,
            logged_at BIGINT NOT NULL,
            PRIMARY KEY (job_id, seq));
        CREATE TABLE IF NOT EXISTS metrics (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            component TEXT NOT NULL,
            party INTEGER NOT NULL,
            name TEXT NOT NULL,
            step BIGINT NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            recorded_at BIGINT NOT NULL,
            PRIMARY KEY (job_id, component, party, name, step));
        CREATE TABLE IF NOT EXISTS outputs (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            component TEXT NOT NULL,
            party INTEGER NOT NULL,
            slot TEXT NOT NULL,
            reference TEXT NOT NULL,
            PRIMARY KEY (job_id, component, party, slot));
        CREATE TABLE IF NOT EXISTS model_ids (
            model_id TEXT PRIMARY KEY,
            latest INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS models (
            model_id TEXT NOT NULL,
            version INTEGER NOT NULL,
            component_type TEXT NOT NULL,
            party INTEGER NOT NULL,
            role TEXT NOT NULL,
            job_id TEXT NOT NULL,
            metadata TEXT NOT NULL,
            size BIGINT NOT NULL,
            sha256 TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            bytes {blob} NOT NULL,
            PRIMARY KEY (model_id, version));
        CREATE TABLE IF NOT EXISTS checkpoints (
            job_id TEXT NOT NULL REFERENCES jobs (job_id),
            component TEXT NOT NULL,
            party INTEGER NOT NULL,
            iteration BIGINT NOT NULL,
            state {blob} NOT NULL,
            saved_at BIGINT NOT NULL,
            PRIMARY KEY (job_id, component, party, iteration));
        CREATE TABLE IF NOT EXISTS grants (
            grant_id TEXT PRIMARY KEY,
            seq BIGINT NOT NULL,
            namespace TEXT NOT NULL,
            name TEXT NOT NULL,
            parties TEXT NOT NULL,
            components TEXT NOT NULL,
            until BIGINT,
            once INTEGER NOT NULL,
            job_id TEXT,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT);
        CREATE TABLE IF NOT EXISTS operator_tokens (
            token_id TEXT PRIMARY KEY,
            name TEXT NOT NULL,
            role TEXT NOT NULL,
            sha256 TEXT NOT NULL UNIQUE,
            created_at BIGINT NOT NULL,
            revoked_at BIGINT);
        CREATE TABLE IF NOT EXISTS job_approvals (
            job_id TEXT PRIMARY KEY,
            decision TEXT NOT NULL,
            decided_by TEXT NOT NULL,
            reason TEXT,
            decided_at BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS node_settings (
            name TEXT PRIMARY KEY,
            value TEXT NOT NULL);
        INSERT INTO flow_meta (name, value) VALUES ('schema_version', '{Version}') ON CONFLICT (name) DO NOTHING;
        {AuditSchema.Create}
        """;

    public const string ReadVersion = "SELECT value FROM flow_meta WHERE name = 'schema_version'";
}
