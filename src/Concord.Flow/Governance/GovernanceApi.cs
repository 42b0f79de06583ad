using Concord.Flow.Api;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Control;
using Concord.Flow.Dsl;
using Concord.Flow.Jobs;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Concord.Flow.Governance;

/// <summary>
/// The governance part of the operator API: grants, issued tokens and node settings (admin), a job's review
/// and the verdict on it (admin decides; data scientists may look), and who the caller is (everyone).
/// </summary>
public static class GovernanceApi
{
    public static void Map(WebApplication app, PartyJobs jobs, IGovernanceEvents events)
    {
        var api = OperatorApi.Group(app, jobs.Party.Store);
        var store = jobs.Party.Store;
        var self = jobs.Party.PartyId;
        ValueTask Record(HttpContext http, string kind, string subject, string detail) =>
            events.RecordAsync(new GovernanceEvent(kind, OperatorIdentity.Of(http).ToString(), subject, detail), http.RequestAborted);

        api.MapGet("/whoami", (HttpContext http) =>
        {
            var identity = OperatorIdentity.Of(http);
            return Results.Json(new WhoAmI(identity.Name, identity.Role.Name(), self), ControlJson.Options);
        }).WithName("WhoAmI").Allow(OperatorRoles.All.ToArray()).Answers<WhoAmI>();

        api.MapPost("/grants", async (HttpContext http, NewGrant request, CancellationToken ct) =>
        {
            var grant = await store.AddGrantAsync(request, ct);
            await Record(http, GovernanceEvent.GrantAdded, grant.GrantId, grant.ToString());
            return Results.Json(grant, ControlJson.Options);
        }).WithName("AddGrant").Allow(OperatorRole.Admin).Answers<DataGrant>();

        api.MapGet("/grants", async (bool? all, CancellationToken ct) =>
            Results.Json(await store.ListGrantsAsync(all ?? false, ct), ControlJson.Options))
            .WithName("ListGrants").Allow(OperatorRole.Admin).Answers<List<DataGrant>>();

        // Grants and tokens are revoked alike: stamped once, the event recorded either way.
        void MapRevoke(string route, string name, string kind, Func<string, CancellationToken, Task<bool>> revoke) =>
            api.MapPost(route, async (HttpContext http, string id, CancellationToken ct) =>
            {
                var revoked = await revoke(id, ct);
                await Record(http, kind, id, revoked ? "" : "already revoked");
                return Results.Json(revoked, ControlJson.Options);
            }).WithName(name).Allow(OperatorRole.Admin).Answers<bool>();

        MapRevoke("/grants/{id}/revoke", "RevokeGrant", GovernanceEvent.GrantRevoked, store.RevokeGrantAsync);

        api.MapPost("/tokens", async (HttpContext http, IssueToken request, CancellationToken ct) =>
        {
            var secret = IssuedTokens.NewSecret();
            var record = await store.AddTokenAsync(request.Name, OperatorRoles.Parse(request.Role), IssuedTokens.Digest(secret), ct);
            await Record(http, GovernanceEvent.TokenIssued, record.TokenId, $"{record.Name} as {record.Role.Name()}");
            return Results.Json(new IssuedToken(record, secret), ControlJson.Options);
        }).WithName("IssueToken").Allow(OperatorRole.Admin).Answers<IssuedToken>();

        api.MapGet("/tokens", async (CancellationToken ct) => Results.Json(await store.ListTokensAsync(ct), ControlJson.Options))
            .WithName("ListTokens").Allow(OperatorRole.Admin).Answers<List<OperatorTokenRecord>>();

        MapRevoke("/tokens/{id}/revoke", "RevokeToken", GovernanceEvent.TokenRevoked, store.RevokeTokenAsync);

        api.MapGet("/settings", async (CancellationToken ct) => Results.Json(await GovernanceSettings.AllAsync(store, ct), ControlJson.Options))
            .WithName("GetSettings").Allow(OperatorRole.Admin).Answers<Dictionary<string, bool>>();

        api.MapPut("/settings/{name}", async (HttpContext http, string name, bool value, CancellationToken ct) =>
        {
            await GovernanceSettings.SetAsync(store, name, value, ct);
            if (name == GovernanceSettings.MaskIds)
            {
                jobs.Party.Masking.Enabled = value;
            }
            await Record(http, GovernanceEvent.SettingChanged, name, value ? "true" : "false");
            return Results.Json(await GovernanceSettings.AllAsync(store, ct), ControlJson.Options);
        }).WithName("SetSetting").Allow(OperatorRole.Admin).Answers<Dictionary<string, bool>>();

        api.MapGet("/jobs/{jobId}/review", async (string jobId, CancellationToken ct) =>
        {
            var record = await store.GetJobAsync(jobId, ct) ?? throw new FlowStoreException(FlowStoreError.NotFound, $"no job {jobId}");
            var job = JobFile.Parse(record.Spec.JobFile, $"job {jobId}", jobs.Party.Catalog.Specs);
            var components = TableUse.At(job, self).Select(use => new ReviewedComponent(
                use.Component.Name, use.Component.Type, [.. use.Component.Inputs.Select(i => i.ToString())],
                use.Component.ParametersFor(self), [.. use.Tables.Select(t => t.ToString()).Order(StringComparer.Ordinal)])).ToList();
            return Results.Json(new JobReview(record, components, await store.GetApprovalAsync(jobId, ct)), ControlJson.Options);
        }).WithName("ReviewJob").Allow(OperatorRole.Admin, OperatorRole.DataScientist).Answers<JobReview>();

        api.MapPost("/jobs/{jobId}/approve", async (HttpContext http, string jobId, JobVerdict? verdict, CancellationToken ct) =>
            Results.Json(await jobs.Consent.DecideAsync(jobId, ApprovalDecision.Approved, OperatorIdentity.Of(http), verdict?.Reason, ct), ControlJson.Options))
            .WithName("ApproveJob").Allow(OperatorRole.Admin).Answers<JobApproval>();

        api.MapPost("/jobs/{jobId}/reject", async (HttpContext http, string jobId, JobVerdict? verdict, CancellationToken ct) =>
            Results.Json(await jobs.Consent.DecideAsync(jobId, ApprovalDecision.Rejected, OperatorIdentity.Of(http), verdict?.Reason, ct), ControlJson.Options))
            .WithName("RejectJob").Allow(OperatorRole.Admin).Answers<JobApproval>();
    }
}
