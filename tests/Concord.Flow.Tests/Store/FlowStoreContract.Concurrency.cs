using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Flow.Control;
using Concord.Flow.Store;
using Microsoft.Extensions.Logging;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    private const int Writers = 8;

    [StoreFact]
    public async Task Concurrent_writers_through_two_handles_lose_no_log_line_task_or_model_version()
    {
        const int Steps = 40;
        const int ModelsEach = 4;
        var store = await NewStoreAsync();
        var second = await ReopenAsync(store);
        await NewJobAsync(store, "job-1");

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            var handle = w % 2 == 0 ? store : second;
            var task = new TaskKey("job-1", $"component_{w}", 9999);
            for (var step = 1; step <= Steps; step++)
            {
                await handle.AppendLogAsync(task, LogLevel.Information, $"writer {w} step {step}");
                await handle.UpsertTaskAsync(new TaskRecord(task, "guest", TaskState.Running, Progress: (double)step / Steps, Status: $"step {step}"));
                if (step % (Steps / ModelsEach) == 0)
                {
                    await handle.SaveModelAsync(new NewModel("shared", "hetero_lr", 9999, "guest", "job-1",
                        new JsonObject { ["writer"] = w, ["step"] = step }, [(byte)w, (byte)step]));
                }
            }
        })));

        var logs = await store.LogsAsync("job-1");
        Assert.Equal(Enumerable.Range(1, Writers * Steps).Select(i => (long)i), logs.Select(l => l.Sequence));
        foreach (var w in Enumerable.Range(0, Writers))
        {
            Assert.Equal(Enumerable.Range(1, Steps).Select(s => $"writer {w} step {s}"),
                logs.Where(l => l.Task.Component == $"component_{w}").Select(l => l.Message));
        }
        var tasks = await second.TasksAsync("job-1");
        Assert.Equal(Enumerable.Range(0, Writers).Select(w => $"component_{w}"), tasks.Select(t => t.Key.Component));
        Assert.All(tasks, t => Assert.Equal((1.0, $"step {Steps}"), (t.Progress, t.Status)));
        var models = await store.ListModelsAsync("shared");
        Assert.Equal(Enumerable.Range(1, Writers * ModelsEach), models.Select(m => m.Version));
        Assert.Equal(Writers * ModelsEach, models.Select(m => m.Metadata.ToJsonString()).Distinct().Count());
    }

    [StoreFact]
    public async Task A_reader_tailing_the_log_while_writers_append_sees_every_line_once_in_order()
    {
        const int Lines = 30;
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        var writers = Task.WhenAll(Enumerable.Range(0, Writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < Lines; i++)
            {
                await store.AppendLogAsync(new TaskKey("job-1", "lr", w), LogLevel.Debug, i.ToString(CultureInfo.InvariantCulture));
            }
        })));

        // Tail as a CLI would, until the writers are done and nothing more comes: a line skipped is never seen.
        var seen = new List<long>();
        while (true)
        {
            var done = writers.IsCompleted;
            var batch = await store.LogsAsync("job-1", afterSequence: seen.Count == 0 ? 0 : seen[^1], limit: 7);
            seen.AddRange(batch.Select(l => l.Sequence));
            if (done && batch.Count == 0)
            {
                break;
            }
        }
        await writers;
        Assert.Equal(Enumerable.Range(1, Writers * Lines).Select(i => (long)i), seen);
    }
}
