using System.Data.Common;
using System.Text.Json;
using Concord.Data;
using Concord.Flow.Governance;

namespace Concord.Flow.Store;

public abstract partial class SqlFlowStore
{
    private const string GrantColumns = "grant_id, namespace, name, parties, components, until, once, job_id, created_at, revoked_at";
    private const string TokenColumns = "token_id, name, role, created_at, revoked_at";

    public Task<DataGrant> AddGrantAsync(NewGrant grant, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var now = SqlValues.Truncate(DateTimeOffset.UtcNow);
        var table = grant.Validate(now);
        var added = new DataGrant(
            $"grant-{Guid.NewGuid().ToString("N")[..10]}", table, [.. grant.Parties.Distinct().Order()], [.. grant.Components.Select(c => c.Trim()).Distinct()],
            grant.Until is { } until ? SqlValues.Truncate(until) : null, grant.Once || grant.JobId is not null, grant.JobId, now, null);
        return RunAsync($"add a grant on {table}", async session =>
        {
            await session.ExecuteAsync($"""
                INSERT INTO grants ({GrantColumns}, seq)
                VALUES (@id, @ns, @name, @parties, @components, @until, @once, @job, @created, NULL,
                        (SELECT COALESCE(MAX(seq), 0) + 1 FROM grants))
                """, ct,
                ("@id", added.GrantId), ("@ns", table.Namespace), ("@name", table.Name),
                ("@parties", JsonSerializer.Serialize(added.Parties)), ("@components", JsonSerializer.Serialize(added.Components)),
                ("@until", SqlValues.Millis(added.Until)), ("@once", added.Once ? 1 : 0), ("@job", added.JobId),
                ("@created", SqlValues.Millis(now))).ConfigureAwait(false);
            return added;
        }, ct);
    }

    public Task<IReadOnlyList<DataGrant>> ListGrantsAsync(bool includeRevoked = false, CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<DataGrant>>("list grants", async session => await session.QueryAsync(
            $"SELECT {GrantColumns} FROM grants{(includeRevoked ? "" : " WHERE revoked_at IS NULL")} ORDER BY seq", ReadGrant, ct).ConfigureAwait(false), ct);

    public Task<bool> RevokeGrantAsync(string grantId, CancellationToken ct = default) =>
        StampRevokedAsync("grants", "grant_id", grantId, "grant", ct);

    public Task<bool> BindGrantAsync(string grantId, string jobId, CancellationToken ct = default) =>
        InTransactionAsync($"bind grant {grantId} to job {jobId}", async session =>
        {
            await session.ExecuteAsync("UPDATE grants SET job_id = @job WHERE grant_id = @id AND once = 1 AND job_id IS NULL", ct, ("@job", jobId), ("@id", grantId)).ConfigureAwait(false);
            var bound = await session.ScalarAsync("SELECT job_id FROM grants WHERE grant_id = @id", ct, ("@id", grantId)).ConfigureAwait(false);
            return bound is null
                ? throw new FlowStoreException(FlowStoreError.NotFound, $"grant {grantId} is not in {Description}")
                : (string)bound == jobId;
        }, ct);

    public Task<OperatorTokenRecord> AddTokenAsync(string name, OperatorRole role, string secretSha256, CancellationToken ct = default)
    {
        FlowStoreChecks.NotBlank(name, "token name");
        FlowStoreChecks.NotBlank(secretSha256, "token digest");
        var record = new OperatorTokenRecord($"token-{Guid.NewGuid().ToString("N")[..10]}", name.Trim(), role, SqlValues.Truncate(DateTimeOffset.UtcNow), null);
        return RunAsync($"add operator token {record.Name}", async session =>
        {
            await session.ExecuteAsync($"INSERT INTO operator_tokens ({TokenColumns}, sha256) VALUES (@id, @name, @role, @created, NULL, @sha)", ct,
                ("@id", record.TokenId), ("@name", record.Name), ("@role", role.Name()), ("@created", SqlValues.Millis(record.CreatedAt)), ("@sha", secretSha256)).ConfigureAwait(false);
            return record;
        }, ct);
    }

    public Task<OperatorTokenRecord?> FindTokenAsync(string secretSha256, CancellationToken ct = default) =>
        RunAsync("look up an operator token", async session => (await session.QueryAsync(
            $"SELECT {TokenColumns} FROM operator_tokens WHERE sha256 = @sha AND revoked_at IS NULL", ReadToken, ct, ("@sha", secretSha256)).ConfigureAwait(false)).SingleOrDefault(), ct);

    public Task<IReadOnlyList<OperatorTokenRecord>> ListTokensAsync(CancellationToken ct = default) =>
        RunAsync<IReadOnlyList<OperatorTokenRecord>>("list operator tokens", async session => await session.QueryAsync(
            $"SELECT {TokenColumns} FROM operator_tokens ORDER BY created_at, token_id", ReadToken, ct).ConfigureAwait(false), ct);

    public Task<bool> RevokeTokenAsync(string tokenId, CancellationToken ct = default) =>
        StampRevokedAsync("operator_tokens", "token_id", tokenId, "operator token", ct);

    public Task<JobApproval> DecideJobAsync(JobApproval approval, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(approval);
        FlowStoreChecks.NotBlank(approval.DecidedBy, "approver");
        return InTransactionAsync($"record the verdict on job {approval.JobId}", async session =>
        {
            await session.ExecuteAsync("""
                INSERT INTO job_approvals (job_id, decision, decided_by, reason, decided_at) VALUES (@job, @decision, @by, @reason, @at)
                ON CONFLICT (job_id) DO NOTHING
                """, ct, ("@job", approval.JobId), ("@decision", SqlValues.Name(approval.Decision)), ("@by", approval.DecidedBy),
                ("@reason", approval.Reason), ("@at", SqlValues.Millis(approval.DecidedAt))).ConfigureAwait(false);
            return (await session.QueryAsync(ApprovalSql, ReadApproval, ct, ("@job", approval.JobId)).ConfigureAwait(false)).Single();
        }, ct);
    }

    public Task<JobApproval?> GetApprovalAsync(string jobId, CancellationToken ct = default) =>
        RunAsync($"read the verdict on job {jobId}", async session =>
            (await session.QueryAsync(ApprovalSql, ReadApproval, ct, ("@job", jobId)).ConfigureAwait(false)).SingleOrDefault(), ct);

    public Task<string?> GetSettingAsync(string name, CancellationToken ct = default) =>
        RunAsync($"read node setting {name}", async session =>
            (string?)await session.ScalarAsync("SELECT value FROM node_settings WHERE name = @name", ct, ("@name", name)).ConfigureAwait(false), ct);

    public Task SetSettingAsync(string name, string value, CancellationToken ct = default)
    {
        FlowStoreChecks.NotBlank(name, "setting name");
        return RunAsync($"write node setting {name}", session => session.ExecuteAsync(
            "INSERT INTO node_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            ct, ("@name", name), ("@value", value)), ct);
    }

    private const string ApprovalSql = "SELECT job_id, decision, decided_by, reason, decided_at FROM job_approvals WHERE job_id = @job";

    /// <summary>Stamps a grant or token revoked; false when it already was, NotFound when there is no such record.</summary>
    private Task<bool> StampRevokedAsync(string table, string key, string id, string what, CancellationToken ct) =>
        RunAsync($"revoke {what} {id}", async session =>
        {
            var changed = await session.ExecuteAsync($"UPDATE {table} SET revoked_at = @at WHERE {key} = @id AND revoked_at IS NULL", ct,
                ("@at", SqlValues.Millis(DateTimeOffset.UtcNow)), ("@id", id)).ConfigureAwait(false);
            if (changed == 0 && await session.ScalarAsync($"SELECT 1 FROM {table} WHERE {key} = @id", ct, ("@id", id)).ConfigureAwait(false) is null)
            {
                throw new FlowStoreException(FlowStoreError.NotFound, $"{what} {id} is not in {Description}");
            }
            return changed == 1;
        }, ct);

    private static DataGrant ReadGrant(DbDataReader reader) => new(
        reader.GetString(0),
        new TableName(reader.GetString(1), reader.GetString(2)),
        JsonSerializer.Deserialize<List<int>>(reader.GetString(3)) ?? [],
        JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [],
        reader.IsDBNull(5) ? null : reader.Time(5),
        Convert.ToInt64(reader.GetValue(6), System.Globalization.CultureInfo.InvariantCulture) != 0,
        reader.NullableString(7),
        reader.Time(8),
        reader.NullableTime(9));

    private static OperatorTokenRecord ReadToken(DbDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), OperatorRoles.Parse(reader.GetString(2)), reader.Time(3), reader.NullableTime(4));

    private static JobApproval ReadApproval(DbDataReader reader) => new(
        reader.GetString(0), SqlValues.Parse<ApprovalDecision>(reader.GetString(1)), reader.GetString(2), reader.NullableString(3), reader.Time(4));
}
