using System.Text.Json.Nodes;
using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public abstract partial class FlowStoreContract
{
    [StoreFact]
    public async Task Metrics_of_every_kind_are_kept_per_step_replaced_and_read_by_component()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        var lr = new TaskKey("job-1", "hetero_lr_0", 9999);
        var eval = new TaskKey("job-1", "evaluation_0", 9999);
        var losses = new[] { 0.693, 0.52, 0.41, 0.37 };
        for (var step = 0; step < losses.Length; step++)
        {
            await store.PutMetricAsync(lr, "loss", MetricKind.Curve, JsonValue.Create(losses[step]), step);
        }
        await store.PutMetricAsync(lr, "loss", MetricKind.Curve, JsonValue.Create(0.36), 3);
        await store.PutMetricAsync(eval, "auc", MetricKind.Scalar, JsonValue.Create(0.5));
        await store.PutMetricAsync(eval, "auc", MetricKind.Scalar, JsonValue.Create(0.987));
        var roc = JsonNode.Parse("""[{"fpr": 0, "tpr": 0}, {"fpr": 0.1, "tpr": 0.9}, {"fpr": 1, "tpr": 1}]""")!;
        await store.PutMetricAsync(eval, "roc", MetricKind.Curve, roc);
        var confusion = JsonNode.Parse("""{"columns": ["predicted 0", "predicted 1"], "rows": [[50, 3], [2, 45]]}""")!;
        await store.PutMetricAsync(eval, "confusion", MetricKind.Table, confusion);

        var all = await store.MetricsAsync("job-1");
        Assert.Equal(
            [("evaluation_0", "auc", (long?)null), ("evaluation_0", "confusion", null), ("evaluation_0", "roc", null),
             ("hetero_lr_0", "loss", 0), ("hetero_lr_0", "loss", 1), ("hetero_lr_0", "loss", 2), ("hetero_lr_0", "loss", 3)],
            all.Select(m => (m.Task.Component, m.Name, m.Step)));
        Assert.Equal([0.693, 0.52, 0.41, 0.36], all.Where(m => m.Name == "loss").Select(m => m.Value.GetValue<double>()));
        Assert.All(all.Where(m => m.Name == "loss"), m => Assert.Equal((lr, MetricKind.Curve), (m.Task, m.Kind)));
        Assert.Equal((MetricKind.Scalar, 0.987), (all[0].Kind, all[0].Value.GetValue<double>()));
        Assert.True(JsonNode.DeepEquals(confusion, all[1].Value));
        Assert.Equal(MetricKind.Table, all[1].Kind);
        Assert.True(JsonNode.DeepEquals(roc, all[2].Value));

        Assert.Equal(["auc", "confusion", "roc"], (await store.MetricsAsync("job-1", "evaluation_0")).Select(m => m.Name));
        Assert.Empty(await store.MetricsAsync("job-1", "scale_0"));
    }

    [StoreFact]
    public async Task A_metric_with_a_negative_step_or_of_an_unknown_job_is_refused()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        Assert.Contains("metric loss of job job-1 component lr party 1 has step -1",
            (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
                store.PutMetricAsync(new TaskKey("job-1", "lr", 1), "loss", MetricKind.Curve, JsonValue.Create(1.0), -1))).Message, StringComparison.Ordinal);
        await AssertFails(FlowStoreError.NotFound, store,
            () => store.PutMetricAsync(new TaskKey("job-x", "lr", 1), "auc", MetricKind.Scalar, JsonValue.Create(1.0)), "metric auc of job job-x");
        Assert.Empty(await store.MetricsAsync("job-1"));
    }

    [StoreFact]
    public async Task Outputs_are_kept_per_task_and_slot_and_replaced()
    {
        var store = await NewStoreAsync();
        await NewJobAsync(store, "job-1");
        var reader = new TaskKey("job-1", "reader_0", 10000);
        var lr = new TaskKey("job-1", "hetero_lr_0", 9999);
        await store.PutOutputAsync(reader, OutputSlot.Data, JsonNode.Parse("""{"table": "experiment/breast_hetero_host"}""")!);
        await store.PutOutputAsync(lr, OutputSlot.Model, JsonNode.Parse("""{"model_id": "lr", "version": 1}""")!);
        await store.PutOutputAsync(lr, OutputSlot.Data, JsonNode.Parse("""{"table": "job-1/predictions"}""")!);
        await store.PutOutputAsync(lr, OutputSlot.Model, JsonNode.Parse("""{"model_id": "lr", "version": 2}""")!);

        var outputs = await store.OutputsAsync("job-1");
        Assert.Equal([(lr, OutputSlot.Data), (lr, OutputSlot.Model), (reader, OutputSlot.Data)], outputs.Select(o => (o.Task, o.Slot)));
        Assert.Equal("""{"table":"job-1/predictions"}""", outputs[0].Reference.ToJsonString());
        Assert.Equal(2, outputs[1].Reference["version"]!.GetValue<int>());
        Assert.Equal("experiment/breast_hetero_host", outputs[2].Reference["table"]!.GetValue<string>());
        Assert.Empty(await store.OutputsAsync("job-2"));
        await AssertFails(FlowStoreError.NotFound, store, () => store.PutOutputAsync(reader with { JobId = "job-2" }, OutputSlot.Data, new JsonObject()), "job-2");
    }
}
