using Concord.Data;
using Concord.Federation.Recording;
using Concord.Flow.Components;
using Concord.Flow.Components.Homo;
using Concord.Flow.Control;
using Concord.Flow.Jobs;

namespace Concord.Flow.Tests;

/// <summary>
/// Horizontal batch prediction through the scheduler on real nodes: a homo_lr (binary) or homo_nn (three classes) job
/// trains on 60 rows at the guest and 60 at the host; a second job loads the model at each party with model_loader
/// and each client scores 20 new rows of its own. Every party must hold the same global model after training; each
/// client's output must equal that model applied by hand to its new rows (within 1e-9); the arbiter must output
/// nothing, and no message of the predicting component may cross the federation.
/// </summary>
public class HomoPredictJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new HomoLrComponent(), new HomoNnComponent(), new ModelLoaderComponent()]);

    private static readonly Dictionary<string, string> TrainParameters = new()
    {
        ["homo_lr"] = "{ rounds: 3, aggregation: plain, batch_size: -1, learning_rate: 0.5 }",
        ["homo_nn"] = """
            { rounds: 3, aggregation: plain, batch_size: 16, learning_rate: 0.05,
              layers: [{ type: dense, units: 4 }, { type: tanh }, { type: dropout, rate: 0.2 }, { type: dense, units: 5 }, { type: relu }, { type: dense, units: 3 }, { type: softmax }] }
            """,
    };

    private static string Train(string type) => $$"""
        job: { name: homo-predict-train, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: model_0
            type: {{type}}
            inputs: { train_data: reader_0.data }
            parameters: {{TrainParameters[type].ReplaceLineEndings(" ")}}
        """;

    private static string Predict(string type, string trainJob, string table = "new") => $$"""
        job: { name: homo-predict, timeout: 120 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: {{table}} } }
          - name: model_loader_0
            type: model_loader
            parameters: { model_id: {{trainJob}}_model_0 }
          - name: model_0
            type: {{type}}
            inputs: { test_data: reader_0.data, input_model: model_loader_0.model }
        """;

    [Theory]
    [InlineData("homo_lr")]
    [InlineData("homo_nn")]
    public async Task Each_client_scores_its_new_rows_alone_with_the_loaded_global_model(string type)
    {
        var transcript = new Transcript();
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter, settings => settings with { Transcript = transcript });
        var fresh = SaveTables(nodes, classes: type == "homo_lr" ? 2 : 3);
        using var api = nodes.Operator(Guest);

        var trained = await PredictJobTests.RunAsync(api, Train(type));
        var predicted = await PredictJobTests.RunAsync(api, Predict(type, trained));

        var global = HomoModelFile.FromBytes(await PredictJobTests.ShareAsync(nodes, Guest, trained), "the guest's model");
        foreach (var party in new[] { Host, Arbiter })
        {
            Assert.Equal(global.Parameters, HomoModelFile.FromBytes(await PredictJobTests.ShareAsync(nodes, party, trained), $"party {party}'s model").Parameters);
        }
        foreach (var (party, rows) in fresh)
        {
            var output = TableStore.Open(nodes.Config.Party(party).Home!).Load(ComponentOutputs.DataTable(predicted, "model_0"));
            Assert.Equal(rows.Ids, output.Ids);
            Assert.Equal(rows.Labels, output.Labels);
            Assert.Equal(type == "homo_lr" ? ["predict_score"] : ["predict_score_0", "predict_score_1", "predict_score_2"], output.Schema.FeatureNames);
            for (var r = 0; r < output.RowCount; r++)
            {
                var expected = ByHand(global, rows, r);
                for (var k = 0; k < expected.Length; k++)
                {
                    Assert.Equal(expected[k], output[r, k], Tolerance);
                }
            }
        }
        var view = await api.GetJobAsync(predicted, CancellationToken.None);
        Assert.All(view.Tasks.Where(t => t.Key.Component == "model_0"), t => Assert.Equal(TaskState.Success, t.State));
        Assert.False(TableStore.Open(nodes.Config.Party(Arbiter).Home!).Exists(ComponentOutputs.DataTable(predicted, "model_0")));
        bool Component(Delivery d, string job) => d.Key.JobId.StartsWith(job, StringComparison.Ordinal) && d.Key.Scope.StartsWith("model_0", StringComparison.Ordinal);
        Assert.Contains(transcript.Delivered, d => Component(d, trained));
        Assert.DoesNotContain(transcript.Delivered, d => Component(d, predicted));
    }

    [Fact]
    public async Task New_rows_whose_columns_differ_from_the_model_s_are_refused_naming_the_party_and_the_column()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var fresh = SaveTables(nodes, classes: 2);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, Train("homo_lr"));
        var host = TableStore.Open(nodes.Config.Party(Host).Home!);
        var rows = fresh[Host];
        double[][] columns = [.. Enumerable.Range(0, rows.FeatureCount).Select(j => rows.Column(j).ToArray())];
        host.Save(new TableName("test", "missing"), PartyTable.Create("id", [.. rows.Ids], ["f0", "f2"], [columns[0], columns[2]], "y", rows.Labels));
        host.Save(new TableName("test", "extra"), PartyTable.Create("id", [.. rows.Ids], ["f0", "f1", "f2", "f3"], [.. columns, columns[0]], "y", rows.Labels));
        host.Save(new TableName("test", "widened"), PartyTable.Create("id", [.. rows.Ids], ["f0", "f1", "f2"], [columns[0], columns[1], [.. columns[2].Select(v => v * 2)]], "y", rows.Labels));
        foreach (var table in new[] { "missing", "extra", "widened" })
        {
            TableStore.Open(nodes.Config.Party(Guest).Home!).Save(new TableName("test", table), fresh[Guest]);
        }

        async Task<string> Refusal(string table)
        {
            var view = await api.WaitAsync(await api.SubmitAsync(Predict("homo_lr", trained, table), "predict.yaml", CancellationToken.None), null, CancellationToken.None);
            Assert.Equal(TaskState.Failed, view.Job.State);
            return view.Job.Error!;
        }

        Assert.Contains("party host:10000: the data has no column \"f1\", which the model was trained on", await Refusal("missing"), StringComparison.Ordinal);
        Assert.Contains("party host:10000: the data has a column \"f3\" the model was not trained on", await Refusal("extra"), StringComparison.Ordinal);
        Assert.Contains("party host:10000: column \"f2\" held only 0 and 1 when the model was trained and holds whole numbers now", await Refusal("widened"), StringComparison.Ordinal);
    }

    /// <summary>The global model on one row, from its parameters alone: the layout each model documents, written out again here.</summary>
    private static double[] ByHand(HomoModelFile model, PartyTable rows, int row)
    {
        var x = model.Shape.FeatureNames.Select(name => rows[row, rows.Schema.IndexOf(name)]).ToArray();
        if (model.Model == "homo_lr")
        {
            // One block [w₁ … w_F, b] for a binary model.
            var z = model.Parameters[^1] + x.Select((v, j) => model.Parameters[j] * v).Sum();
            return [1 / (1 + Math.Exp(-z))];
        }
        var offset = 0;
        foreach (var layer in model.Definition!["layers"]!.AsArray().Select(l => l!.AsObject()))
        {
            switch ((string)layer["type"]!)
            {
                case "dense":
                    // W row-major (inputs × units), then b.
                    var units = (int)layer["units"]!;
                    var y = new double[units];
                    for (var u = 0; u < units; u++)
                    {
                        y[u] = model.Parameters[offset + (x.Length * units) + u] + x.Select((v, k) => v * model.Parameters[offset + (k * units) + u]).Sum();
                    }
                    offset += (x.Length + 1) * units;
                    x = y;
                    break;
                case "tanh":
                    x = [.. x.Select(Math.Tanh)];
                    break;
                case "relu":
                    x = [.. x.Select(v => Math.Max(v, 0))];
                    break;
                case "softmax":
                    var exp = x.Select(v => Math.Exp(v - x.Max())).ToArray();
                    x = [.. exp.Select(e => e / exp.Sum())];
                    break;
            }
        }
        return x;
    }

    /// <summary>
    /// 60 training rows and 20 new ones at each client, with two real features and a 0/1 flag; the label (0/1, or three
    /// classes) follows their sum, so both clients' rows teach the same model.
    /// </summary>
    private static Dictionary<int, PartyTable> SaveTables(LoopbackNodes nodes, int classes)
    {
        var random = new Random(11);
        PartyTable Rows(string prefix, int count)
        {
            var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D3}").ToArray();
            double[][] columns = [
                [.. ids.Select(_ => random.NextDouble() * 4)],
                [.. ids.Select(_ => (random.NextDouble() * 4) - 2)],
                [.. ids.Select(_ => random.Next(2) * 1.0)]];
            var labels = ids.Select((_, i) => columns[0][i] + columns[1][i] - (2 * columns[2][i]) is var s && classes == 2
                ? (s > 1 ? 1.0 : 0.0)
                : (s < 0 ? 0.0 : s < 2 ? 1.0 : 2.0)).ToArray();
            return PartyTable.Create("id", ids, ["f0", "f1", "f2"], columns, "y", labels);
        }
        var fresh = new Dictionary<int, PartyTable>();
        foreach (var (party, prefix) in new[] { (Guest, "g"), (Host, "h") })
        {
            var store = TableStore.Open(nodes.Config.Party(party).Home!);
            store.Save(new TableName("test", "train"), Rows($"{prefix}t", 60));
            fresh[party] = Rows($"{prefix}n", 20);
            store.Save(new TableName("test", "new"), fresh[party]);
        }
        return fresh;
    }
}
