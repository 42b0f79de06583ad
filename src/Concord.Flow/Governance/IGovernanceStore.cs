namespace Concord.Flow.Governance;

/// <summary>
/// The governance records a party keeps in its flow store: data grants, issued operator tokens, verdicts on
/// jobs awaiting approval, and node settings. Failures throw <see cref="Store.FlowStoreException"/> naming the store.
/// </summary>
public interface IGovernanceStore
{
    Task<DataGrant> AddGrantAsync(NewGrant grant, CancellationToken ct = default);

    /// <summary>Every grant, oldest first; revoked ones only when asked.</summary>
    Task<IReadOnlyList<DataGrant>> ListGrantsAsync(bool includeRevoked = false, CancellationToken ct = default);

    /// <summary>Revokes a grant; false when it was revoked already. An unknown grant is NotFound.</summary>
    Task<bool> RevokeGrantAsync(string grantId, CancellationToken ct = default);

    /// <summary>
    /// Binds a one-job grant to <paramref name="jobId"/> if it is still unbound; true when the grant now serves
    /// that job (bound now or before), false when another job took it first.
    /// </summary>
    Task<bool> BindGrantAsync(string grantId, string jobId, CancellationToken ct = default);

    Task<OperatorTokenRecord> AddTokenAsync(string name, OperatorRole role, string secretSha256, CancellationToken ct = default);

    /// <summary>The live (unrevoked) token with this SHA-256, or null.</summary>
    Task<OperatorTokenRecord?> FindTokenAsync(string secretSha256, CancellationToken ct = default);

    Task<IReadOnlyList<OperatorTokenRecord>> ListTokensAsync(CancellationToken ct = default);

    /// <summary>Revokes a token; false when it was revoked already. An unknown token is NotFound.</summary>
    Task<bool> RevokeTokenAsync(string tokenId, CancellationToken ct = default);

    /// <summary>Records the verdict unless the job has one already, and returns the verdict that stands.</summary>
    Task<JobApproval> DecideJobAsync(JobApproval approval, CancellationToken ct = default);

    Task<JobApproval?> GetApprovalAsync(string jobId, CancellationToken ct = default);

    Task<string?> GetSettingAsync(string name, CancellationToken ct = default);

    Task SetSettingAsync(string name, string value, CancellationToken ct = default);
}
