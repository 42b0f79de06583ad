using System.Globalization;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Jobs;
using Concord.ML.Linear;
using Concord.ML.SecureBoost;

namespace Concord.Flow.Tests;

/// <summary>
/// Batch prediction through the scheduler on real nodes: a hetero_lr or hetero_secureboost job trains on 120
/// customers; a second job loads each party's share with model_loader and scores 40 new customers, whom the host
/// holds among others and in another order, so a psi aligns them first. The guest's output must equal the exported
/// shares applied by hand to the new rows (within 1e-9; for SecureBoost the guest's trees are resolved through the
/// host's lookup table), and the host and the arbiter must output nothing.
/// </summary>
public class PredictJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), new DataTransformComponent(), .. HeteroLinearComponent.All, new SecureBoostComponent(), new ModelLoaderComponent()]);

    internal static readonly Dictionary<string, string> TrainParameters = new()
    {
        ["hetero_lr"] = "{ max_iter: 3, optimizer: sgd, learning_rate: 0.2, key_bits: 1024, standardize: true }",
        ["hetero_secureboost"] = "{ num_trees: 3, max_depth: 2, max_bin: 16, key_bits: 1024 }",
    };

    internal static string Train(string type) => $$"""
        job: { name: predict-test-train, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: model_0
            type: {{type}}
            inputs: { train_data: reader_0.data }
            parameters: {{TrainParameters[type]}}
        """;

    private static string Predict(string type, string trainJob) => string.Create(CultureInfo.InvariantCulture, $$"""
        job: { name: predict-test, timeout: 120 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: new } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { salt: predict-test }
          - name: model_loader_0
            type: model_loader
            parameters: { model_id: {{trainJob}}_model_0 }
          - name: model_0
            type: {{type}}
            inputs: { test_data: psi_0.data, input_model: model_loader_0.model }
        """);

    [Theory]
    [InlineData("hetero_lr")]
    [InlineData("hetero_secureboost")]
    public async Task A_loaded_model_scores_new_customers_after_psi_as_its_shares_do_in_plaintext(string type)
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, hostNew) = SaveTables(nodes);
        using var api = nodes.Operator(Guest);

        var trained = await RunAsync(api, Train(type));
        var predicted = await RunAsync(api, Predict(type, trained));

        var output = TableStore.Open(nodes.Config.Party(Guest).Home!).Load(ComponentOutputs.DataTable(predicted, "model_0"));
        var guestShare = await ShareAsync(nodes, Guest, trained);
        var hostShare = await ShareAsync(nodes, Host, trained);
        Assert.Equal(guestNew.RowCount, output.RowCount);
        Assert.Equal(["predict_score"], output.Schema.FeatureNames);
        for (var r = 0; r < output.RowCount; r++)
        {
            var id = output.Ids[r];
            int guestRow = guestNew.Ids.ToList().IndexOf(id), hostRow = hostNew.Ids.ToList().IndexOf(id);
            Assert.Equal(ExpectedScore(type, guestShare, hostShare, guestNew, guestRow, hostNew, hostRow), output[r, 0], Tolerance);
            Assert.Equal(guestNew.Labels![guestRow], output.Labels![r]);
        }
        if (type == "hetero_secureboost")
        {
            Assert.Contains(SecureBoostModel.FromBytes(guestShare).Trees.SelectMany(t => t.Nodes), n => n.Split?.Party == 1);
        }
        var view = await api.GetJobAsync(predicted, CancellationToken.None);
        Assert.All(view.Tasks.Where(t => t.Key.Component == "model_0"), t => Assert.Equal(TaskState.Success, t.State));
        Assert.False(TableStore.Open(nodes.Config.Party(Host).Home!).Exists(ComponentOutputs.DataTable(predicted, "model_0")));
    }

    [Fact]
    public async Task A_predict_component_without_its_model_is_refused_before_the_job_runs()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        using var api = nodes.Operator(Guest);
        var job = Predict("hetero_lr", "x").Replace(", input_model: model_loader_0.model", "", StringComparison.Ordinal);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => api.SubmitAsync(job, "predict.yaml", CancellationToken.None));

        Assert.Contains("hetero_lr predicts from test_data with input \"input_model\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loaded_data_transform_fills_new_rows_with_the_training_means()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        _ = SaveTables(nodes);
        var guestHome = TableStore.Open(nodes.Config.Party(Guest).Home!);
        var training = guestHome.Load(new TableName("test", "train"));
        guestHome.Save(new TableName("test", "gaps"), PartyTable.Create("id", ["n000", "n001"], ["g1", "g0"], [[double.NaN, 11.0], [12.0, double.NaN]], "y", [0, 1]));
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(new TableName("test", "gaps"), PartyTable.Create("id", ["n000", "n001"], ["h0", "h1", "h2"], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]));
        using var api = nodes.Operator(Guest);
        string Job(string table, string? model) => $$"""
            job: { name: transform-test }
            parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
            components:
              - name: reader_0
                type: reader
                parameters: { table: { namespace: test, name: {{table}} } }
            {{(model is null ? "" : $$"""
              - name: model_loader_0
                type: model_loader
                parameters: { model_id: {{model}}_data_transform_0 }
            """)}}
              - name: data_transform_0
                type: data_transform
                inputs: { data: reader_0.data{{(model is null ? "" : ", input_model: model_loader_0.model")}} }
                parameters: { missing_fill: mean }
            """;

        var fitted = await RunAsync(api, Job("train", null));
        var applied = await RunAsync(api, Job("gaps", fitted));

        var output = guestHome.Load(ComponentOutputs.DataTable(applied, "data_transform_0"));
        Assert.Equal(["g0", "g1"], output.Schema.FeatureNames);
        // The new table's columns come as g1 = [gap, 11] and g0 = [12, gap]; the output keeps the training order.
        Assert.Equal([12.0, training.Column(0).ToArray().Average()], output.Column(0).ToArray());
        Assert.Equal([training.Column(1).ToArray().Average(), 11.0], output.Column(1).ToArray());
    }

    /// <summary>P(y = 1) of one customer by the exported shares of a hetero_lr or hetero_secureboost model, applied by hand.</summary>
    internal static double ExpectedScore(string type, byte[] guestShare, byte[] hostShare, PartyTable guestRows, int guestRow, PartyTable hostRows, int hostRow)
    {
        var z = type == "hetero_lr"
            ? LinearScore(PartyLinearModel.FromBytes(guestShare), PartyLinearModel.FromBytes(hostShare), guestRows, guestRow, hostRows, hostRow)
            : BoostScore(SecureBoostModel.FromBytes(guestShare), HostLookupTable.FromBytes(hostShare), guestRows, guestRow, hostRows, hostRow);
        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>w·x of both shares on one customer, each column standardised with its share's training means and deviations.</summary>
    private static double LinearScore(PartyLinearModel guest, PartyLinearModel host, PartyTable guestRows, int guestRow, PartyTable hostRows, int hostRow)
    {
        static double Dot(PartyLinearModel share, PartyTable table, int row) =>
            share.FeatureNames.Select((name, j) => share.Weights[0][j] * ((table[row, table.Schema.IndexOf(name)] - share.Means[j]) / share.Scales[j])).Sum();
        return Dot(guest, guestRows, guestRow) + Dot(host, hostRows, hostRow) + guest.Weights[0][^1];
    }

    /// <summary>The base score plus the leaf each tree sends the customer to, the host's opaque splits resolved through its lookup table.</summary>
    private static double BoostScore(SecureBoostModel guest, HostLookupTable host, PartyTable guestRows, int guestRow, PartyTable hostRows, int hostRow)
    {
        var z = guest.BaseScores[0];
        foreach (var tree in guest.Trees)
        {
            var node = tree.Nodes[0];
            while (node.Split is SplitRule split)
            {
                var (value, threshold) = split.Party == 0
                    ? (guestRows[guestRow, guestRows.Schema.IndexOf(guest.GuestFeatures[split.Feature])], split.Threshold)
                    : host.Splits.Single(s => s.Id == split.SplitId) is var h ? (hostRows[hostRow, hostRows.Schema.IndexOf(h.Feature)], h.Threshold) : default;
                node = tree.Nodes[value <= threshold ? node.Left : node.Right];
            }
            z += node.Weight;
        }
        return z;
    }

    internal static async Task<string> RunAsync(Api.OperatorClient api, string job)
    {
        var view = await api.WaitAsync(await api.SubmitAsync(job, "predict.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    internal static async Task<byte[]> ShareAsync(LoopbackNodes nodes, int party, string jobId)
    {
        using var own = nodes.Operator(party);
        return await nodes.ExportedModelAsync(own, $"{jobId}_model_0");
    }

    /// <summary>
    /// 120 training customers at both parties; 40 new ones at the guest, which the host holds shuffled among 20 others.
    /// The label depends on a guest and a host feature, so that both parties' splits and weights matter.
    /// </summary>
    internal static (PartyTable GuestNew, PartyTable HostNew) SaveTables(LoopbackNodes nodes)
    {
        var random = new Random(5);
        var everyone = Enumerable.Range(0, 120).Select(i => $"u{i:D3}").Concat(Enumerable.Range(0, 60).Select(i => $"n{i:D3}")).ToArray();
        var guestValues = everyone.ToDictionary(id => id, _ => new[] { (random.NextDouble() * 4) + 10, (random.NextDouble() * 4) + 10 });
        var hostValues = everyone.ToDictionary(id => id, _ => new[] { (random.NextDouble() * 4) + 10, (random.NextDouble() * 4) + 10, (random.NextDouble() * 4) + 10 });
        PartyTable GuestSide(string[] ids) => PartyTable.Create(
            "id", ids, ["g0", "g1"], [.. Enumerable.Range(0, 2).Select(j => ids.Select(id => guestValues[id][j]).ToArray())],
            "y", [.. ids.Select(id => guestValues[id][0] + hostValues[id][1] > 24 ? 1.0 : 0.0)]);
        PartyTable HostSide(string[] ids) => PartyTable.Create("id", ids, ["h0", "h1", "h2"], [.. Enumerable.Range(0, 3).Select(j => ids.Select(id => hostValues[id][j]).ToArray())]);
        var trainIds = everyone[..120];
        var newIds = everyone[120..160];
        var hostNewIds = everyone[120..].OrderBy(_ => random.Next()).ToArray();
        var guest = TableStore.Open(nodes.Config.Party(Guest).Home!);
        var host = TableStore.Open(nodes.Config.Party(Host).Home!);
        guest.Save(new TableName("test", "train"), GuestSide(trainIds));
        host.Save(new TableName("test", "train"), HostSide(trainIds));
        var (guestNew, hostNew) = (GuestSide(newIds), HostSide(hostNewIds));
        guest.Save(new TableName("test", "new"), guestNew);
        host.Save(new TableName("test", "new"), hostNew);
        return (guestNew, hostNew);
    }
}
