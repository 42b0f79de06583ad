using System.Globalization;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Audit;
using Concord.Flow.Control;
using Concord.Flow.Governance;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Api;

/// <summary>
/// The audit trail through the operator API, read-only: list records (of a job, since a time) and export the whole
/// trail, freshly signed, as the file <c>concord audit verify --file</c> checks.
/// </summary>
public static class AuditApi
{
    public const string Path = "/audit";

    /// <summary>The most records one listing returns; page on with <c>after</c>.</summary>
    public const int MaxListed = 10_000;

    /// <summary>Who may read the trail: its auditors, and the admin who runs the node.</summary>
    private static readonly OperatorRole[] Readers = [OperatorRole.Auditor, OperatorRole.Admin];

    public static void Map(RouteGroupBuilder api, IAuditStore store, AuditLog? audit, int party)
    {
        api.MapGet(Path, async (string? job, string? since, long? after, int? limit, CancellationToken ct) =>
        {
            var take = Math.Clamp(limit ?? 1000, 1, MaxListed);
            return Results.Json(await store.AuditRecordsAsync(new AuditQuery(job, ParseSince(since), after ?? 0, take), ct), ControlJson.Options);
        }).WithName("ListAuditRecords").Allow(Readers).Answers<List<AuditRecord>>();

        api.MapGet($"{Path}/export", async (HttpContext http, CancellationToken ct) =>
        {
            if (audit is null)
            {
                return ApiProblem.Result(StatusCodes.Status409Conflict, $"party {party}'s node was started without an audit trail");
            }
            await audit.CheckpointAsync(ct);
            var checkpoints = await store.AuditCheckpointsAsync(ct);
            http.Response.ContentType = AuditExport.MediaType;
            await AuditExport.WriteAsync(http.Response.Body, party, checkpoints, AuditPages.AllAsync(store, ct), ct);
            return Results.Empty;
        }).WithName("ExportAuditTrail").Allow(Readers).AnswersFile(AuditExport.MediaType);
    }

    /// <summary>A time as the CLI sends it: ISO 8601, UTC unless it says otherwise.</summary>
    public static DateTimeOffset? ParseSince(string? since) =>
        since is null ? null
        : DateTimeOffset.TryParse(since, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time) ? time
        : throw new ArgumentException($"since=\"{since}\" is not a time (ISO 8601, e.g. 2026-12-04T17:00:00Z)");
}
