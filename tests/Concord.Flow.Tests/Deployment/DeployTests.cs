using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Deployment;
using Concord.Flow.Jobs;
using Concord.Flow.Serving;

namespace Concord.Flow.Tests.Deployment;

/// <summary>
/// <c>concord job deploy</c> and <c>job predict</c> on real nodes: a reader → psi → data_transform → model →
/// evaluation training job becomes a predict pipeline every party registers; predicting with it on new customers gives
/// the exported shares applied by hand (within 1e-9), again after the guest's node restarts, and again after the
/// guest's registry is exported and imported into a fresh party home.
/// </summary>
public class DeployTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), new DataTransformComponent(), .. HeteroLinearComponent.All,
        new SecureBoostComponent(), new ModelLoaderComponent(), new EvaluationComponent()]);
    private static readonly CancellationToken None = CancellationToken.None;

    private static string Train(string type) => $$"""
        job: { name: deploy-test, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { salt: deploy-test }
          - name: data_transform_0
            type: data_transform
            inputs: { data: psi_0.data }
            parameters: { missing_fill: mean }
          - name: model_0
            type: {{type}}
            inputs: { train_data: data_transform_0.data }
            parameters: {{PredictJobTests.TrainParameters[type]}}
          - name: evaluation_0
            type: evaluation
            inputs: { data: model_0.data }
            parameters: { eval_type: binary }
        """;

    [Theory]
    [InlineData("hetero_lr")]
    [InlineData("hetero_secureboost")]
    public async Task A_deployed_pipeline_scores_new_customers_the_same_after_a_restart_and_an_export_and_import(string type)
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, hostNew) = PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, Train(type));

        var deployed = await api.DeployAsync(new DeployRequest(trained, "credit"), None);

        Assert.Equal(["data_transform_0", "model_0"], deployed.Fitted);
        Assert.Equal([Guest, Host, Arbiter], deployed.Versions.Keys.Order());
        var first = await PredictAsync(api, nodes);
        var guestShare = await PredictJobTests.ShareAsync(nodes, Guest, trained);
        var hostShare = await PredictJobTests.ShareAsync(nodes, Host, trained);
        Assert.Equal(guestNew.RowCount, first.RowCount);
        for (var r = 0; r < first.RowCount; r++)
        {
            int guestRow = Array.IndexOf(guestNew.Ids.ToArray(), first.Ids[r]), hostRow = Array.IndexOf(hostNew.Ids.ToArray(), first.Ids[r]);
            Assert.Equal(PredictJobTests.ExpectedScore(type, guestShare, hostShare, guestNew, guestRow, hostNew, hostRow), first[r, 0], Tolerance);
        }

        await nodes.RestartAsync(Guest);
        Assert.Equal(Scores(first), Scores(await PredictAsync(api, nodes)));

        // The guest moves to a fresh home: its deployment travels as one signed model export.
        var archive = await api.ExportModelAsync("credit", null, None);
        await nodes.StopNodeAsync(Guest);
        var home = nodes.Config.Party(Guest).Home!;
        Directory.Move(home, home + "-old");
        TableStore.Open(home).Save(new TableName("test", "new"), guestNew);
        await nodes.StartNodeAsync(Guest);
        using var moved = nodes.Operator(Guest);
        await moved.ImportModelAsync(archive, None);
        Assert.Equal(Scores(first), Scores(await PredictAsync(moved, nodes)));
    }

    [Fact]
    public async Task A_training_that_did_not_succeed_or_a_component_that_cannot_predict_is_refused_naming_it()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, Train("hetero_lr"));

        var evaluation = await Assert.ThrowsAsync<Federation.FederationException>(() => api.DeployAsync(new DeployRequest(trained, "x", ["evaluation_0"]), None));
        var unknown = await Assert.ThrowsAsync<Federation.FederationException>(() => api.DeployAsync(new DeployRequest("job-none"), None));
        var noDeployment = await Assert.ThrowsAsync<Federation.FederationException>(() => api.PredictWithAsync("nothing", new PipelinePredict(new TableRef("test", "new")), None));

        Assert.Contains("evaluation_0 (evaluation) cannot score new rows", evaluation.Message);
        Assert.Contains("(404): party 9999 has no job job-none", unknown.Message);
        Assert.Contains("(404): party 9999 has no deployment nothing", noDeployment.Message);
    }

    private static async Task<PartyTable> PredictAsync(Api.OperatorClient api, LoopbackNodes nodes)
    {
        var job = await api.PredictWithAsync("credit", new PipelinePredict(new TableRef("test", "new")), None);
        var view = await api.WaitAsync(job.JobId, null, None);
        Assert.True(view.Job.State == Control.TaskState.Success, view.Job.Error);
        Assert.Equal([ComponentOutputs.DataTable(job.JobId, "model_0")], job.Scores.Select(s => s.ToName()));
        return TableStore.Open(nodes.Config.Party(Guest).Home!).Load(job.Scores[0].ToName());
    }

    private static Dictionary<string, double> Scores(PartyTable table) =>
        Enumerable.Range(0, table.RowCount).ToDictionary(r => table.Ids[r], r => table[r, 0]);
}
