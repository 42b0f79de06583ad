using Concord.Flow.Governance;

namespace Concord.Flow.Api;

/// <summary>The governance calls: what <c>concord grant</c>, <c>concord token</c>, <c>concord settings</c> and job approval use.</summary>
public sealed partial class OperatorClient
{
    public Task<WhoAmI> WhoAmIAsync(CancellationToken ct) => _node.SendAsync<WhoAmI>(HttpMethod.Get, $"{OperatorApi.Root}/whoami", null, ct);

    public Task<DataGrant> AddGrantAsync(NewGrant grant, CancellationToken ct) => _node.SendAsync<DataGrant>(HttpMethod.Post, $"{OperatorApi.Root}/grants", grant, ct);

    public Task<List<DataGrant>> ListGrantsAsync(bool includeRevoked, CancellationToken ct) =>
        _node.SendAsync<List<DataGrant>>(HttpMethod.Get, $"{OperatorApi.Root}/grants?all={(includeRevoked ? "true" : "false")}", null, ct);

    public Task<bool> RevokeGrantAsync(string grantId, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Post, $"{OperatorApi.Root}/grants/{Uri.EscapeDataString(grantId)}/revoke", null, ct);

    public Task<IssuedToken> IssueTokenAsync(string name, OperatorRole role, CancellationToken ct) =>
        _node.SendAsync<IssuedToken>(HttpMethod.Post, $"{OperatorApi.Root}/tokens", new IssueToken(name, role.Name()), ct);

    public Task<List<OperatorTokenRecord>> ListTokensAsync(CancellationToken ct) => _node.SendAsync<List<OperatorTokenRecord>>(HttpMethod.Get, $"{OperatorApi.Root}/tokens", null, ct);

    public Task<bool> RevokeTokenAsync(string tokenId, CancellationToken ct) =>
        _node.SendAsync<bool>(HttpMethod.Post, $"{OperatorApi.Root}/tokens/{Uri.EscapeDataString(tokenId)}/revoke", null, ct);

    public Task<Dictionary<string, bool>> SettingsAsync(CancellationToken ct) => _node.SendAsync<Dictionary<string, bool>>(HttpMethod.Get, $"{OperatorApi.Root}/settings", null, ct);

    public Task<Dictionary<string, bool>> SetSettingAsync(string name, bool value, CancellationToken ct) =>
        _node.SendAsync<Dictionary<string, bool>>(HttpMethod.Put, $"{OperatorApi.Root}/settings/{Uri.EscapeDataString(name)}?value={(value ? "true" : "false")}", null, ct);

    public Task<JobReview> ReviewJobAsync(string jobId, CancellationToken ct) => _node.SendAsync<JobReview>(HttpMethod.Get, $"{Job(jobId)}/review", null, ct);

    public Task<JobApproval> DecideJobAsync(string jobId, ApprovalDecision decision, string? reason, CancellationToken ct) =>
        _node.SendAsync<JobApproval>(HttpMethod.Post, $"{Job(jobId)}/{(decision == ApprovalDecision.Approved ? "approve" : "reject")}", new JobVerdict(reason), ct);

    /// <summary>Any call at all, as raw status: for tests and tools that probe what a caller may reach.</summary>
    public Task<System.Net.HttpStatusCode> ProbeAsync(HttpMethod method, string path, CancellationToken ct) => _node.ProbeAsync(method, path, ct);
}
