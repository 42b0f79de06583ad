using Concord.Data;
using Concord.Flow.Api.Access;
using Concord.Flow.Api.Documentation;
using Concord.Flow.Audit;
using Concord.Flow.Jobs;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Flow.Api;

/// <summary>
/// A component's output table as CSV, from this party's node: the rows this party holds (its PSI result, its
/// scores), never another party's. The table is found through the output record this party's run of that job
/// and component wrote, so no job id or component name can lead it to a table that is not such an output.
/// </summary>
internal static class OutputEndpoints
{
    /// <summary>The one table output a component has, and the default of the name in the path.</summary>
    public const string DataOutput = "data";

    public static void Map(RouteGroupBuilder api, PartyServices party)
    {
        api.MapGet("/jobs/{jobId}/components/{component}/output/{name?}", async (HttpContext http, string jobId, string component, string? name, CancellationToken ct) =>
        {
            var table = await LoadAsync(party, jobId, component, name ?? DataOutput, OperatorIdentity.Of(http).ToString(), ct);
            return Results.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, leaveOpen: true);
                await CsvTableWriter.WriteAsync(table, writer, http.RequestAborted);
            }, $"{CsvTableWriter.MediaType}; charset=utf-8", $"{jobId}_{component}.csv");
        }).WithName("GetComponentOutput").Allow(OperatorApi.JobRoles).AnswersFile(CsvTableWriter.MediaType);
    }

    /// <summary>Loads the table before the answer starts, so that a refusal is a status code with its one line, not a cut stream.</summary>
    private static async Task<PartyTable> LoadAsync(PartyServices party, string jobId, string component, string name, string actor, CancellationToken ct)
    {
        await OperatorApi.RequireJob(party.Store, jobId, ct);
        if (name != DataOutput)
        {
            throw new FlowStoreException(FlowStoreError.NotFound, $"component {component} of job {jobId} has no table output named {name}; its table is '{DataOutput}'");
        }
        var outputs = await party.Store.OutputsAsync(jobId, ct);
        var table = ComponentOutputs.DataTable(jobId, component);
        var mine = outputs.SingleOrDefault(o => o.Task.Component == component && o.Task.Party == party.PartyId && o.Slot == OutputSlot.Data);
        if (mine is null || mine.Reference["namespace"]?.GetValue<string>() != table.Namespace || mine.Reference["name"]?.GetValue<string>() != table.Name)
        {
            var produced = outputs.Where(o => o.Slot == OutputSlot.Data && o.Task.Party == party.PartyId).Select(o => o.Task.Component).ToList();
            throw new FlowStoreException(FlowStoreError.NotFound,
                $"component {component} of job {jobId} left no output table at party {party.PartyId}; " +
                (produced.Count == 0 ? "no component of that job has one here (yet)" : $"these have one: {string.Join(", ", produced)}"));
        }
        var store = TableStore.Open(party.PartyHome, new TableAudit(party.Audit, jobId, actor));
        return store.Exists(table)
            ? store.Load(table, ct)
            : throw new FlowStoreException(FlowStoreError.NotFound, $"the output table of component {component} of job {jobId} is no longer in party {party.PartyId}'s store");
    }
}
