using System.Globalization;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Jobs;
using Concord.ML.Linear;

namespace Concord.Flow.Tests;

/// <summary>
/// Batch prediction through the scheduler on real nodes: a hetero_lr job trains on 120 customers; a second job loads
/// each party's share with model_loader and scores 40 new customers, whom the host holds among others and in another
/// order, so a psi aligns them first. The guest's output must equal the exported shares applied by hand to the new
/// rows (within 1e-9), and the host and the arbiter must output nothing.
/// </summary>
public class PredictJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), .. HeteroLinearComponent.All, new ModelLoaderComponent()]);

    private const string Train = """
        job: { name: predict-test-train, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: reader_0.data }
            parameters: { max_iter: 3, optimizer: sgd, learning_rate: 0.2, key_bits: 1024, standardize: true }
        """;

    private static string Predict(string trainJob) => string.Create(CultureInfo.InvariantCulture, $$"""
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
            parameters: { model_id: {{trainJob}}_hetero_lr_0 }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { test_data: psi_0.data, input_model: model_loader_0.model }
        """);

    [Fact]
    public async Task A_loaded_model_scores_new_customers_after_psi_as_its_shares_do_in_plaintext()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, hostNew) = SaveTables(nodes);
        using var api = nodes.Operator(Guest);

        var trained = await RunAsync(api, Train);
        var predicted = await RunAsync(api, Predict(trained));

        var output = TableStore.Open(nodes.Config.Party(Guest).Home!).Load(ComponentOutputs.DataTable(predicted, "hetero_lr_0"));
        var guestShare = await ShareAsync(nodes, Guest, trained);
        var hostShare = await ShareAsync(nodes, Host, trained);
        Assert.Equal(guestNew.RowCount, output.RowCount);
        Assert.Equal(["predict_score"], output.Schema.FeatureNames);
        for (var r = 0; r < output.RowCount; r++)
        {
            var id = output.Ids[r];
            var z = Dot(guestShare, guestNew, guestNew.Ids.ToList().IndexOf(id)) + Dot(hostShare, hostNew, hostNew.Ids.ToList().IndexOf(id)) + guestShare.Weights[0][^1];
            Assert.Equal(1 / (1 + Math.Exp(-z)), output[r, 0], Tolerance);
            Assert.Equal(guestNew.Labels![guestNew.Ids.ToList().IndexOf(id)], output.Labels![r]);
        }
        var view = await api.GetJobAsync(predicted, CancellationToken.None);
        Assert.All(view.Tasks.Where(t => t.Key.Component == "hetero_lr_0"), t => Assert.Equal(TaskState.Success, t.State));
        Assert.False(TableStore.Open(nodes.Config.Party(Host).Home!).Exists(ComponentOutputs.DataTable(predicted, "hetero_lr_0")));
    }

    [Fact]
    public async Task A_predict_component_without_its_model_is_refused_before_the_job_runs()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        using var api = nodes.Operator(Guest);
        var job = Predict("x").Replace(", input_model: model_loader_0.model", "", StringComparison.Ordinal);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => api.SubmitAsync(job, "predict.yaml", CancellationToken.None));

        Assert.Contains("hetero_lr predicts from test_data with input \"input_model\"", error.Message, StringComparison.Ordinal);
    }

    /// <summary>w·x of one party's share on one row, standardised with the share's training means and deviations.</summary>
    private static double Dot(PartyLinearModel share, PartyTable table, int row) =>
        share.FeatureNames.Select((name, j) => share.Weights[0][j] * ((table[row, table.Schema.IndexOf(name)] - share.Means[j]) / share.Scales[j])).Sum();

    private static async Task<string> RunAsync(Api.OperatorClient api, string job)
    {
        var view = await api.WaitAsync(await api.SubmitAsync(job, "predict.yaml", CancellationToken.None), null, CancellationToken.None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return view.Job.JobId;
    }

    private static async Task<PartyLinearModel> ShareAsync(LoopbackNodes nodes, int party, string jobId)
    {
        using var own = nodes.Operator(party);
        return PartyLinearModel.FromBytes(await nodes.ExportedModelAsync(own, $"{jobId}_hetero_lr_0"));
    }

    /// <summary>120 training customers at both parties; 40 new ones at the guest, which the host holds shuffled among 20 others.</summary>
    private static (PartyTable GuestNew, PartyTable HostNew) SaveTables(LoopbackNodes nodes)
    {
        var random = new Random(5);
        double[] Values(int rows) => [.. Enumerable.Range(0, rows).Select(_ => (random.NextDouble() * 4) + 10)];
        PartyTable Side(string[] ids, string prefix, int features, Func<double[][], double[]>? labels)
        {
            double[][] columns = [.. Enumerable.Range(0, features).Select(_ => Values(ids.Length))];
            return labels is null
                ? PartyTable.Create("id", ids, [.. Enumerable.Range(0, features).Select(j => $"{prefix}{j}")], columns)
                : PartyTable.Create("id", ids, [.. Enumerable.Range(0, features).Select(j => $"{prefix}{j}")], columns, "y", labels(columns));
        }
        double[] Labels(double[][] c) => [.. c[0].Select((v, i) => v + c[1][i] > 24 ? 1.0 : 0.0)];
        var trainIds = Enumerable.Range(0, 120).Select(i => $"u{i:D3}").ToArray();
        var newIds = Enumerable.Range(0, 40).Select(i => $"n{i:D3}").ToArray();
        var hostNewIds = newIds.Concat(Enumerable.Range(0, 20).Select(i => $"x{i:D3}")).OrderBy(_ => random.Next()).ToArray();
        var name = (Train: new TableName("test", "train"), New: new TableName("test", "new"));
        var guest = TableStore.Open(nodes.Config.Party(Guest).Home!);
        var host = TableStore.Open(nodes.Config.Party(Host).Home!);
        guest.Save(name.Train, Side(trainIds, "g", 2, Labels));
        host.Save(name.Train, Side(trainIds, "h", 3, null));
        var guestNew = Side(newIds, "g", 2, Labels);
        var hostNew = Side(hostNewIds, "h", 3, null);
        guest.Save(name.New, guestNew);
        host.Save(name.New, hostNew);
        return (guestNew, hostNew);
    }
}
