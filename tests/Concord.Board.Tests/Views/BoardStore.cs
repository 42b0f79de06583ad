using System.Text.Json.Nodes;
using Bunit;
using Concord.Board.Views.Components;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Microsoft.Extensions.DependencyInjection;

namespace Concord.Board.Tests.Views;

/// <summary>A party's SQLite flow store in a scratch folder with one job, and bUnit contexts that render the board's views over it.</summary>
internal sealed class BoardStore : IAsyncDisposable
{
    public const string JobId = "job-board";
    public const int Guest = 9999;
    public const int Host = 10000;

    private readonly string _folder = Directory.CreateTempSubdirectory("concord-board-tests-").FullName;

    public IFlowStore Store { get; private set; } = null!;

    public static async Task<BoardStore> OpenAsync(params string[] jobIds)
    {
        var board = new BoardStore();
        board.Store = await SqliteFlowStore.OpenInAsync(board._folder);
        foreach (var job in jobIds.DefaultIfEmpty(JobId))
        {
            await board.Store.CreateJobAsync(new JobSpec(job, "board", Guest, new RosterSpec(Guest, [Host]), "job file", 1));
        }
        return board;
    }

    /// <summary>Records a party's finished task of a component, with the metrics and model the component reported there.</summary>
    public async Task PutAsync(string component, int party, string role, string type, JsonObject? metrics, byte[]? model = null, string jobId = JobId)
    {
        var task = new TaskKey(jobId, component, party);
        await Store.UpsertTaskAsync(new TaskRecord(task, role, TaskState.Success, Progress: 1));
        if (metrics is not null)
        {
            await Store.PutMetricAsync(task, type, MetricKind.Table, metrics.DeepClone());
        }
        if (model is not null)
        {
            var saved = await Store.SaveModelAsync(new NewModel($"{jobId}_{component}", type, party, role, jobId, [], model));
            await Store.PutOutputAsync(task, OutputSlot.Model, new JsonObject { ["model_id"] = saved.ModelId, ["version"] = saved.Version });
        }
    }

    /// <summary>A bUnit context whose services are this store and the board of <paramref name="party"/>.</summary>
    public BunitContext Context(int party)
    {
        var context = new BunitContext();
        context.Services.AddSingleton(Store);
        context.Services.AddSingleton(new BoardParty(party));
        return context;
    }

    /// <summary>The component page of <paramref name="component"/> as <paramref name="context"/>'s party sees it.</summary>
    public static IRenderedComponent<ComponentDetail> Detail(BunitContext context, string component, int? tree = null) =>
        context.Render<ComponentDetail>(p => p.Add(c => c.JobId, JobId).Add(c => c.Component, component).Add(c => c.Tree, tree));

    public ValueTask DisposeAsync()
    {
        Store.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
        }
        return ValueTask.CompletedTask;
    }
}
