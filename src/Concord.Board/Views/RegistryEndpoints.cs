using Concord.Board.Access;
using Concord.Board.Views.Pages;
using Concord.Data;
using Concord.Flow.Node;
using Concord.Flow.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Concord.Board.Views;

/// <summary>This party's tables (with a preview), its model registry (with export) and its deployments.</summary>
internal static class RegistryEndpoints
{
    public static void Map(RouteGroupBuilder board, NodeContext node)
    {
        board.MapGet("/data", (HttpContext http, BoardViews views) =>
            views.Page<DataPage>(http, BoardViews.DataSection, new() { ["Tables"] = TableStore.Open(node.PartyHome).List() }));

        board.MapGet("/data/{tableNamespace}/{name}", (HttpContext http, BoardViews views, string tableNamespace, string name, CancellationToken ct) =>
        {
            TableName table;
            try
            {
                table = new TableName(tableNamespace, name);
            }
            catch (ArgumentException ex)
            {
                return views.Problem(http, StatusCodes.Status400BadRequest, "No such table", ex.Message, BoardPaths.Data);
            }
            var tables = TableStore.Open(node.PartyHome, new Flow.Audit.TableAudit(node.Jobs.Party.Audit, null, $"{BoardGate.SessionOf(http).Identity} on the board"));
            if (!tables.Exists(table))
            {
                return views.Problem(http, StatusCodes.Status404NotFound, "No such table", $"party {node.PartyId} has no table {table}", BoardPaths.Data);
            }
            return views.Page<TablePage>(http, BoardViews.DataSection, new()
            {
                ["Info"] = tables.Info(table),
                ["Preview"] = tables.Head(table, TablePage.PreviewRows, ct),
            });
        });

        board.MapGet("/models", async (HttpContext http, BoardViews views, CancellationToken ct) =>
            views.Page<ModelsPage>(http, BoardViews.ModelsSection, new() { ["Models"] = await node.Store.ListModelsAsync(ct: ct) }));

        board.MapGet("/models/{modelId}/{version:int}/export", async (HttpContext http, BoardViews views, string modelId, int version, CancellationToken ct) =>
        {
            try
            {
                var (info, archive) = await node.Models.ExportAsync(modelId, version, $"{BoardGate.SessionOf(http).Identity} on the board", ct);
                return Results.File(archive, ModelArchive.MediaType, ModelArchive.FileName(info));
            }
            catch (FlowStoreException ex) when (ex.Error == FlowStoreError.NotFound)
            {
                return views.Problem(http, StatusCodes.Status404NotFound, "No such model", $"party {node.PartyId} has no model {modelId} version {version}", BoardPaths.Models);
            }
        });

        board.MapGet("/serving", (HttpContext http, BoardViews views) =>
            views.Page<ServingPage>(http, BoardViews.ServingSection, new() { ["Deployments"] = node.Serving.List(), ["Stats"] = node.Serving.Stats() }));
    }
}
