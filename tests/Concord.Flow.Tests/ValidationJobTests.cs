using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

/// <summary>
/// hetero_lr with validate_data from a second reader, over loopback nodes: the guest's metrics hold one validation
/// per epoch beside the training loss, and early stopping on validation labels that turn against the fit ends the
/// job before max_iter with the best epoch named.
/// </summary>
public class ValidationJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), .. HeteroLinearComponent.All]);

    private static string Job(string parameters) => $$"""
        job: { timeout: 120, seed: 3 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}], arbiter: {{Arbiter}} }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: reader_1
            type: reader
            parameters: { table: { namespace: test, name: validate } }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: reader_0.data, validate_data: reader_1.data }
            parameters: { {{parameters}}, key_bits: 1024, max_iter: 6, optimizer: sgd, learning_rate: 0.5, tol: 0 }
        """;

    [Fact]
    public async Task The_guest_records_a_validation_per_epoch_and_early_stopping_ends_before_max_iter()
    {
        await using var nodes = await StartAsync();
        using var api = nodes.Operator(Guest);

        var every = GuestMetrics(await api.MetricsAsync(await RunAsync(api, Job("metrics: [auc, loss]")), CancellationToken.None));
        var curve = every["validation"]!.AsArray();
        Assert.Equal([1, 2, 3, 4, 5, 6], curve.Select(p => p!["epoch"]!.GetValue<int>()));
        Assert.All(curve, p => Assert.InRange(p!["auc"]!.GetValue<double>(), 0, 1));
        Assert.Equal(6, every["loss"]!.AsArray().Count);
        Assert.Null(every["best_epoch"]);

        var stopped = GuestMetrics(await api.MetricsAsync(await RunAsync(api, Job("early_stopping_rounds: 2")), CancellationToken.None));
        var losses = stopped["validation"]!.AsArray().Select(p => p!["loss"]!.GetValue<double>()).ToList();
        var ran = stopped["epochs"]![0]!.GetValue<int>();
        Assert.True(ran < 6, $"early stopping should end the job before max_iter; it ran {ran} epochs");
        Assert.Equal(losses.Count, ran);
        Assert.Equal(losses.IndexOf(losses.Min()) + 1, stopped["best_epoch"]!.GetValue<int>());
    }

    private static async Task<LoopbackNodes> StartAsync()
    {
        var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        // y follows g0 + h0 in training; in the validation rows it is flipped, so fitting the training rows hurts there.
        var random = new Random(5);
        void Save(string name, int rows, bool flip)
        {
            var ids = Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"{name}{i:D3}")).ToArray();
            double[][] guest = [[.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() - 0.5)]];
            double[][] host = [[.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() - 0.5)]];
            var y = Enumerable.Range(0, rows).Select(i => (guest[0][i] + host[0][i] > 0) != flip ? 1.0 : 0.0).ToArray();
            var table = new TableName("test", name);
            TableStore.Open(nodes.Config.Party(Guest).Home!).Save(table, PartyTable.Create("id", ids, ["g0"], guest, "y", y));
            TableStore.Open(nodes.Config.Party(Host).Home!).Save(table, PartyTable.Create("id", (string[])ids.Clone(), ["h0"], host));
        }
        Save("train", 60, flip: false);
        Save("validate", 30, flip: true);
        return nodes;
    }

    private static async Task<string> RunAsync(Api.OperatorClient api, string job)
    {
        var view = await api.WaitAsync(await api.SubmitAsync(job, "validate.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    private static JsonObject GuestMetrics(IEnumerable<Flow.Store.MetricRecord> metrics) =>
        metrics.Single(m => m.Task.Component == "hetero_lr_0" && m.Task.Party == Guest).Value.AsObject();
}
