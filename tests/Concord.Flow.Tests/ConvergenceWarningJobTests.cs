using System.Globalization;
using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;

namespace Concord.Flow.Tests;

/// <summary>
/// A hetero_linr job on small-valued features without standardize (the case a user met: success, an R² of -3.4,
/// the loss still falling) must say that it stopped at max_iter before converging; a converging one says so too.
/// </summary>
public class ConvergenceWarningJobTests
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
            parameters: { table: { namespace: test, name: small } }
          - name: hetero_linr_0
            type: hetero_linr
            inputs: { train_data: reader_0.data }
            parameters: { {{parameters}}, key_bits: 1024 }
        """;

    [Fact]
    public async Task Small_features_without_standardize_stop_at_max_iter_with_a_warning_in_the_log_and_the_metrics()
    {
        await using var nodes = await StartAsync();
        using var api = nodes.Operator(Guest);

        var jobId = await RunAsync(api, Job("max_iter: 4, optimizer: sgd, learning_rate: 0.1, penalty: none, early_stop: diff, tol: 1e-12"));

        var metrics = GuestMetrics(await api.MetricsAsync(jobId, CancellationToken.None));
        Assert.False(metrics["converged"]!.GetValue<bool>());
        Assert.True(metrics["stopped_at_max_iter"]!.GetValue<bool>());
        var warning = Assert.Single(metrics["warnings"]!.AsArray())!.GetValue<string>();
        Assert.StartsWith("hetero_linr stopped at max_iter 4 without meeting tol 1e-12 (early_stop: diff), its loss still falling (", warning, StringComparison.Ordinal);
        Assert.Contains("set standardize: true", warning, StringComparison.Ordinal);
        var logs = await api.LogsAsync(jobId, "hetero_linr_0", Guest, 0, CancellationToken.None);
        Assert.Single(logs, l => l.Message == $"warning: {warning}");
    }

    [Fact]
    public async Task A_model_that_meets_tol_reads_converged_with_no_warning()
    {
        await using var nodes = await StartAsync();
        using var api = nodes.Operator(Guest);

        var jobId = await RunAsync(api, Job("max_iter: 30, optimizer: sgd, learning_rate: 0.1, penalty: none, early_stop: diff, tol: 1e6, standardize: true"));

        var metrics = GuestMetrics(await api.MetricsAsync(jobId, CancellationToken.None));
        Assert.True(metrics["converged"]!.GetValue<bool>());
        Assert.False(metrics["stopped_at_max_iter"]!.GetValue<bool>());
        Assert.Empty(metrics["warnings"]!.AsArray());
        Assert.Equal(2, metrics["epochs"]![0]!.GetValue<int>());
    }

    private static async Task<LoopbackNodes> StartAsync()
    {
        var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        // Features of the order of 0.001 with a target of the order of 1: plain gradient steps barely move the weights.
        var random = new Random(11);
        const int rows = 60;
        var ids = Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"u{i:D3}")).ToArray();
        double[][] guest = [[.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 0.002)]];
        double[][] host = [[.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() * 0.002)]];
        var target = Enumerable.Range(0, rows).Select(i => 1 + (400 * guest[0][i]) + (300 * host[0][i])).ToArray();
        var name = new TableName("test", "small");
        TableStore.Open(nodes.Config.Party(Guest).Home!).Save(name, PartyTable.Create("id", ids, ["g0"], guest, "y", target));
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(name, PartyTable.Create("id", (string[])ids.Clone(), ["h0"], host));
        return nodes;
    }

    private static async Task<string> RunAsync(Api.OperatorClient api, string job)
    {
        var view = await api.WaitAsync(await api.SubmitAsync(job, "small.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    private static JsonObject GuestMetrics(IEnumerable<Flow.Store.MetricRecord> metrics) =>
        metrics.Single(m => m.Task.Component == "hetero_linr_0" && m.Task.Party == Guest).Value.AsObject();
}
