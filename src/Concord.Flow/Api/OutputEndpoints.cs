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
/// scores, its share of data_split's train set), never another party's. The table is found through the output record
/// this party's run of that job and component wrote, so no job id, component or output name can lead it to a table that
/// is not such an output.
/// </summary>
internal static class OutputEndpoints
{
    /// <summary>The table most components have, served when the request names none.</summary>
    private const string DataOutput = Components.ComponentOutput.DataOutput;

    public static void Map(RouteGroupBuilder api, PartyServices party)
    {
        // ?output= names one of a component's tables (data_split's train_output_data); without it, its data table or its only one.
        api.MapGet("/jobs/{jobId}/components/{component}/output", async (HttpContext http, string jobId, string component, string? output, CancellationToken ct) =>
        {
            var (name, table) = await LoadAsync(party, jobId, component, output, OperatorIdentity.Of(http).ToString(), ct);
            return Results.Stream(async body =>
            {
                await using var writer = new StreamWriter(body, leaveOpen: true);
                await CsvTableWriter.WriteAsync(table, writer, http.RequestAborted);
            }, $"{CsvTableWriter.MediaType}; charset=utf-8", name == DataOutput ? $"{jobId}_{component}.csv" : $"{jobId}_{component}_{name}.csv");
        }).WithName("GetComponentOutput").Allow(OperatorApi.JobRoles).AnswersFile(CsvTableWriter.MediaType);
    }

    /// <summary>Loads the table before the answer starts, so that a refusal is a status code with its one line, not a cut stream.</summary>
    private static async Task<(string Name, PartyTable Table)> LoadAsync(PartyServices party, string jobId, string component, string? output, string actor, CancellationToken ct)
    {
        await OperatorApi.RequireJob(party.Store, jobId, ct);
        var outputs = await party.Store.OutputsAsync(jobId, ct);
        var mine = outputs.SingleOrDefault(o => o.Task.Component == component && o.Task.Party == party.PartyId && o.Slot == OutputSlot.Data);
        if (mine is null)
        {
            var produced = outputs.Where(o => o.Slot == OutputSlot.Data && o.Task.Party == party.PartyId).Select(o => o.Task.Component).ToList();
            throw new FlowStoreException(FlowStoreError.NotFound,
                $"component {component} of job {jobId} left no output table at party {party.PartyId}; " +
                (produced.Count == 0 ? "no component of that job has one here (yet)" : $"these have one: {string.Join(", ", produced)}"));
        }
        var tables = OutputTables.Read(mine.Reference);
        var names = string.Join(", ", tables.Select(t => t.Output));
        var name = output
            ?? (tables.Count == 1 ? tables[0].Output : tables.Any(t => t.Output == DataOutput) ? DataOutput
            : throw new ArgumentException($"component {component} of job {jobId} has {tables.Count} output tables at party {party.PartyId}: {names}; name one with output"));
        // Only the table the run itself would have written under that name: a record cannot point anywhere else.
        var table = tables.Where(t => t.Output == name).Select(t => (TableName?)t.Table).SingleOrDefault();
        if (table != ComponentOutputs.DataTable(jobId, component, name))
        {
            throw new FlowStoreException(FlowStoreError.NotFound, $"component {component} of job {jobId} has no output table named {name} at party {party.PartyId}; it has {names}");
        }
        var store = TableStore.Open(party.PartyHome, new TableAudit(party.Audit, jobId, actor));
        return store.Exists(table.Value)
            ? (name, store.Load(table.Value, ct))
            : throw new FlowStoreException(FlowStoreError.NotFound, $"the output table {name} of component {component} of job {jobId} is no longer in party {party.PartyId}'s store");
    }
}
