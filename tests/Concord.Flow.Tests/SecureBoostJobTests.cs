using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.ML.SecureBoost;

namespace Concord.Flow.Tests;

/// <summary>
/// hetero_secureboost in a real job over real nodes: one model trained, a second continuing it through
/// warm_start_model (each party's own part of the first model reaches its own task), and evaluation of the second.
/// </summary>
public class SecureBoostJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new SecureBoostComponent(), new EvaluationComponent()]);

    private const string Job = """
        job: { name: secureboost-test, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: rows } }
          - name: boost_0
            type: hetero_secureboost
            inputs: { train_data: reader_0.data }
            parameters: { num_trees: 2, max_depth: 2, key_bits: 1024 }
          - name: boost_1
            type: hetero_secureboost
            inputs: { train_data: reader_0.data, warm_start_model: boost_0.model }
            parameters: { num_trees: 1, max_depth: 2, key_bits: 1024 }
          - name: evaluation_0
            type: evaluation
            inputs: { data: boost_1.data }
        """;

    [Fact]
    public async Task A_second_model_continues_the_first_through_warm_start_at_every_party()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Host);
        SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var jobId = await api.SubmitAsync(Job, "secureboost.yaml", CancellationToken.None);
        var view = await api.WaitAsync(jobId, null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);

        var metrics = await api.MetricsAsync(jobId, CancellationToken.None);
        Assert.Equal(2, metrics.Single(m => m.Task.Component == "boost_0").Value["trees"]!.GetValue<int>());
        Assert.Equal(3, metrics.Single(m => m.Task.Component == "boost_1").Value["trees"]!.GetValue<int>());
        Assert.InRange(metrics.Single(m => m.Task.Component == "evaluation_0").Value["auc"]!.GetValue<double>(), 0.8, 1);

        // Each party exports its own part: the guest its trees, the host its lookup table.
        using var host = nodes.Operator(Host);
        var guestModel = SecureBoostModel.FromBytes(await nodes.ExportedModelAsync(api, $"{jobId}_boost_1"));
        var hostTable = HostLookupTable.FromBytes(await nodes.ExportedModelAsync(host, $"{jobId}_boost_1"));
        var first = HostLookupTable.FromBytes(await nodes.ExportedModelAsync(host, $"{jobId}_boost_0"));
        var hostMetrics = await host.MetricsAsync(jobId, CancellationToken.None);
        Assert.Equal(3, guestModel.Trees.Count);
        Assert.Subset(hostTable.Splits.Select(s => s.Id).ToHashSet(), first.Splits.Select(s => s.Id).ToHashSet());
        Assert.Equal(hostTable.Splits.Count, hostMetrics.Single(m => m.Task.Component == "boost_1" && m.Task.Party == Host).Value["splits"]!.GetValue<int>());
    }

    /// <summary>200 rows: the label depends on one guest and one host feature, so both parties' splits matter.</summary>
    private static void SaveTables(LoopbackNodes nodes)
    {
        var random = new Random(5);
        var ids = Enumerable.Range(0, 200).Select(i => $"r{i:D3}").ToArray();
        double[][] guest = [.. Enumerable.Range(0, 3).Select(_ => ids.Select(_ => Math.Round(random.NextDouble(), 3)).ToArray())];
        double[][] host = [.. Enumerable.Range(0, 3).Select(_ => ids.Select(_ => Math.Round(random.NextDouble(), 3)).ToArray())];
        var labels = ids.Select((_, i) => guest[0][i] + host[1][i] + (0.3 * random.NextDouble()) > 1.15 ? 1.0 : 0).ToArray();
        TableStore.Open(nodes.Config.Party(Guest).Home!).Save(new TableName("test", "rows"), PartyTable.Create("id", ids, ["a", "b", "c"], guest, "y", labels));
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(new TableName("test", "rows"), PartyTable.Create("id", ids, ["d", "e", "f"], host));
    }
}
