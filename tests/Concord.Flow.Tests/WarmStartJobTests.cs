using System.Globalization;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.ML.Linear;

namespace Concord.Flow.Tests;

/// <summary>
/// Warm start through the scheduler: a model_loader reads each party's share of an earlier job's hetero_lr model
/// from its own registry and feeds it to the next hetero_lr. Plain SGD without decay keeps no optimizer state, so
/// two epochs and then two warm-started ones must give the weights of four epochs in one job.
/// </summary>
public class WarmStartJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), .. HeteroLinearComponent.All, new ModelLoaderComponent()]);

    private static string Train(int epochs, string? warmStartFrom) => string.Create(CultureInfo.InvariantCulture, $$"""
        job: { name: warm-start-test, timeout: 120, seed: 3 }
        parties: { guest: {{Guest}}, hosts: [{{Host}}], arbiter: {{Arbiter}} }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: vertical } }
        {{(warmStartFrom is null ? "" : $$"""
          - name: model_loader_0
            type: model_loader
            parameters: { model_id: {{warmStartFrom}}_hetero_lr_0 }
        """)}}
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: reader_0.data{{(warmStartFrom is null ? "" : ", warm_start_model: model_loader_0.model")}} }
            parameters: { max_iter: {{epochs}}, optimizer: sgd, learning_rate: 0.2, penalty: none, early_stop: weight_diff, tol: 0, key_bits: 1024 }
        """);

    [Fact]
    public async Task Two_epochs_then_two_warm_started_epochs_equal_four_epochs()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        SaveTables(nodes);
        using var api = nodes.Operator(Guest);

        var first = await RunAsync(api, Train(2, null));
        var warm = await RunAsync(api, Train(2, first));
        var straight = await RunAsync(api, Train(4, null));

        foreach (var party in new[] { Guest, Host })
        {
            using var own = nodes.Operator(party);
            var warmWeights = await WeightsAsync(nodes, own, warm);
            var straightWeights = await WeightsAsync(nodes, own, straight);
            var firstWeights = await WeightsAsync(nodes, own, first);
            Assert.Equal(straightWeights.Length, warmWeights.Length);
            Assert.All(warmWeights.Zip(straightWeights), p => Assert.Equal(p.Second, p.First, Tolerance));
            Assert.True(warmWeights.Zip(firstWeights).Any(p => Math.Abs(p.First - p.Second) > 1e-3), $"party {party}'s warm-started model should have moved on");
        }
    }

    [Fact]
    public async Task A_missing_model_fails_the_job_naming_the_party_and_the_model()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        SaveTables(nodes);
        using var api = nodes.Operator(Guest);

        var view = await api.WaitAsync(await api.SubmitAsync(Train(1, "no-such-job"), "warm.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.Equal(TaskState.Failed, view.Job.State);
        Assert.Contains("model no-such-job_hetero_lr_0 is not in this party's model registry", view.Job.Error, StringComparison.Ordinal);
    }

    private static async Task<string> RunAsync(Api.OperatorClient api, string job)
    {
        var view = await api.WaitAsync(await api.SubmitAsync(job, "warm.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    private static async Task<double[]> WeightsAsync(LoopbackNodes nodes, Api.OperatorClient party, string jobId)
    {
        var models = await party.ListModelsAsync(CancellationToken.None);
        var info = models.Single(m => m.ModelId == $"{jobId}_hetero_lr_0");
        return PartyLinearModel.FromBytes(await nodes.ExportedModelAsync(party, info.ModelId, info.Version)).Weights.Single();
    }

    private static void SaveTables(LoopbackNodes nodes)
    {
        var random = new Random(5);
        const int rows = 120;
        var ids = Enumerable.Range(0, rows).Select(i => $"u{i:D3}").ToArray();
        double[][] guest = [.. Enumerable.Range(0, 2).Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble() - 0.5).ToArray())];
        double[][] host = [.. Enumerable.Range(0, 3).Select(_ => Enumerable.Range(0, rows).Select(_ => random.NextDouble() - 0.5).ToArray())];
        var labels = Enumerable.Range(0, rows).Select(i => guest[0][i] + host[1][i] > 0 ? 1.0 : 0.0).ToArray();
        var name = new TableName("test", "vertical");
        TableStore.Open(nodes.Config.Party(Guest).Home!).Save(name, PartyTable.Create("id", ids, ["g0", "g1"], guest, "y", labels));
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(name, PartyTable.Create("id", (string[])ids.Clone(), ["h0", "h1", "h2"], host));
    }
}
