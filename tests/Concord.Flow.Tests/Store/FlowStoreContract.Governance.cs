using Concord.Data;
using Concord.Flow.Governance;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    private static NewGrant Grant(string table = "rows") => new("test", table, [9999, 10001], ["psi", "hetero_lr"], DateTimeOffset.UtcNow.AddDays(1));

    [StoreFact]
    public async Task Grants_are_kept_in_order_revoked_once_and_seen_by_another_handle()
    {
        var store = await NewStoreAsync();
        var first = await store.AddGrantAsync(Grant());
        var second = await store.AddGrantAsync(Grant("other") with { Until = null, Components = ["*"] });
        var other = await ReopenAsync(store);

        var listed = await other.ListGrantsAsync();
        Assert.Equal([first.GrantId, second.GrantId], listed.Select(g => g.GrantId));
        Assert.Equal(new TableName("test", "rows"), listed[0].Table);
        Assert.Equal([9999, 10001], listed[0].Parties);
        Assert.Equal(["psi", "hetero_lr"], listed[0].Components);
        Assert.Equal(first.Until, listed[0].Until);
        Assert.Null(listed[1].Until);

        Assert.True(await store.RevokeGrantAsync(first.GrantId));
        Assert.False(await other.RevokeGrantAsync(first.GrantId));
        Assert.Equal([second.GrantId], (await other.ListGrantsAsync()).Select(g => g.GrantId));
        Assert.NotNull((await other.ListGrantsAsync(includeRevoked: true))[0].RevokedAt);
        await AssertFails(FlowStoreError.NotFound, store, () => store.RevokeGrantAsync("grant-none"), "grant-none");
    }

    [StoreFact]
    public async Task A_grant_that_could_never_match_is_refused_naming_what_is_wrong()
    {
        var store = await NewStoreAsync();
        var past = await Assert.ThrowsAsync<ArgumentException>(() => store.AddGrantAsync(Grant() with { Until = DateTimeOffset.UtcNow.AddSeconds(-1) }));
        Assert.Contains("has passed", past.Message, StringComparison.Ordinal);
        var nobody = await Assert.ThrowsAsync<ArgumentException>(() => store.AddGrantAsync(Grant() with { Parties = [] }));
        Assert.Contains("names no party", nobody.Message, StringComparison.Ordinal);
        var nothing = await Assert.ThrowsAsync<ArgumentException>(() => store.AddGrantAsync(Grant() with { Components = [] }));
        Assert.Contains("names no component type", nothing.Message, StringComparison.Ordinal);
        Assert.Empty(await store.ListGrantsAsync(includeRevoked: true));
    }

    [StoreFact]
    public async Task A_one_job_grant_binds_to_the_first_job_only_even_when_two_race()
    {
        var store = await NewStoreAsync();
        var other = await ReopenAsync(store);
        var grant = await store.AddGrantAsync(Grant() with { Once = true });

        var bound = await Task.WhenAll(
            Task.Run(() => store.BindGrantAsync(grant.GrantId, "job-a")),
            Task.Run(() => other.BindGrantAsync(grant.GrantId, "job-b")));

        Assert.Single(bound, b => b);
        var winner = (await store.ListGrantsAsync()).Single().JobId;
        Assert.True(await store.BindGrantAsync(grant.GrantId, winner!));
        Assert.False(await store.BindGrantAsync(grant.GrantId, winner == "job-a" ? "job-b" : "job-a"));
    }

    [StoreFact]
    public async Task Tokens_are_found_by_digest_until_revoked()
    {
        var store = await NewStoreAsync();
        var token = await store.AddTokenAsync("alice", OperatorRole.DataScientist, "digest-1");

        Assert.Equal(token, await (await ReopenAsync(store)).FindTokenAsync("digest-1"));
        Assert.Null(await store.FindTokenAsync("digest-2"));
        Assert.True(await store.RevokeTokenAsync(token.TokenId));
        Assert.Null(await store.FindTokenAsync("digest-1"));
        Assert.NotNull(Assert.Single(await store.ListTokensAsync()).RevokedAt);
        await AssertFails(FlowStoreError.AlreadyExists, store, () => store.AddTokenAsync("bob", OperatorRole.Auditor, "digest-1"));
    }

    [StoreFact]
    public async Task A_job_is_decided_once_and_the_first_verdict_stands()
    {
        var store = await NewStoreAsync();
        var at = SqlTime(DateTimeOffset.UtcNow);
        var approved = new JobApproval("job-1", ApprovalDecision.Approved, "alice (admin)", "fine", at);

        Assert.Null(await store.GetApprovalAsync("job-1"));
        Assert.Equal(approved, await store.DecideJobAsync(approved));
        Assert.Equal(approved, await store.DecideJobAsync(approved with { Decision = ApprovalDecision.Rejected, DecidedBy = "bob (admin)" }));
        Assert.Equal(approved, await (await ReopenAsync(store)).GetApprovalAsync("job-1"));
    }

    [StoreFact]
    public async Task Settings_keep_their_defaults_until_set_and_unknown_ones_are_refused()
    {
        var store = await NewStoreAsync();
        Assert.False(await GovernanceSettings.GetAsync(store, GovernanceSettings.RequireApproval, CancellationToken.None));
        Assert.True(await GovernanceSettings.GetAsync(store, GovernanceSettings.MaskIds, CancellationToken.None));

        await GovernanceSettings.SetAsync(store, GovernanceSettings.RequireApproval, true, CancellationToken.None);
        await GovernanceSettings.SetAsync(store, GovernanceSettings.MaskIds, false, CancellationToken.None);

        var other = await ReopenAsync(store);
        Assert.True(await GovernanceSettings.GetAsync(other, GovernanceSettings.RequireApproval, CancellationToken.None));
        Assert.False(await GovernanceSettings.GetAsync(other, GovernanceSettings.MaskIds, CancellationToken.None));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => GovernanceSettings.SetAsync(store, "open_sesame", true, CancellationToken.None));
        Assert.Contains("require_approval", ex.Message, StringComparison.Ordinal);
    }

    private static DateTimeOffset SqlTime(DateTimeOffset time) => DateTimeOffset.FromUnixTimeMilliseconds(time.ToUnixTimeMilliseconds());
}
