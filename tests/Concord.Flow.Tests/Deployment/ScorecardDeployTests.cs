using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Deployment;
using Concord.Flow.Serving;
using Concord.ML.FeatureBinning;
using Concord.ML.FeatureSelection;

namespace Concord.Flow.Tests.Deployment;

/// <summary>
/// The credit scorecard's shape deployed on real nodes: reader → psi → data_split → hetero_feature_binning (WOE) →
/// hetero_feature_selection (IV) → hetero_lr. The predict pipeline passes every new row through the split and replays
/// the fitted binning and selection; its scores equal the stored shares of all three applied by hand in plaintext.
/// </summary>
public class ScorecardDeployTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;
    private static readonly string[] Fitted = ["binning_0", "selection_0", "hetero_lr_0"];

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), new DataSplitComponent(), new FeatureBinningComponent(),
        new HeteroFeatureSelectionComponent(), .. HeteroLinearComponent.All, new ModelLoaderComponent(), new EvaluationComponent()]);
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly string Train = $$"""
        job: { name: scorecard-deploy-test, timeout: 300, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { salt: scorecard-deploy-test }
          - name: data_split_0
            type: data_split
            inputs: { data: psi_0.data }
            parameters: { train_size: 0.7, validate_size: 0.15, test_size: 0.15, stratified: true }
          - name: binning_0
            type: hetero_feature_binning
            inputs: { data: data_split_0.train_output_data }
            parameters: { method: quantile, bin_num: 4, transform_method: woe, key_bits: 1024 }
          - name: selection_0
            type: hetero_feature_selection
            inputs: { data: binning_0.data, binning_model: binning_0.model }
            parameters: { iv_threshold: 0.02 }
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: selection_0.data }
            parameters: {{PredictJobTests.TrainParameters["hetero_lr"]}}
          - name: evaluation_0
            type: evaluation
            inputs: { data: hetero_lr_0.data }
            parameters: { eval_type: binary }
        """;

    [Fact]
    public async Task A_deployed_scorecard_scores_every_new_customer_as_its_stored_binning_selection_and_weights_do_in_plaintext()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, hostNew) = PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, Train);

        var deployed = await api.DeployAsync(new DeployRequest(trained, "scorecard"), None);

        Assert.Equal(Fitted, deployed.Fitted);
        var components = deployed.Template["components"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain("data_split_0", components);
        Assert.DoesNotContain("evaluation_0", components);
        var job = await api.PredictWithAsync("scorecard", new PipelinePredict(new TableRef("test", "new")), None);
        var view = await api.WaitAsync(job.JobId, null, None);
        Assert.True(view.Job.State == Control.TaskState.Success, view.Job.Error);
        var scores = TableStore.Open(nodes.Config.Party(Guest).Home!).Load(Assert.Single(job.Scores).ToName());

        // Every new customer both parties hold is scored: none is held back as a validate or test set.
        Assert.Equal(guestNew.RowCount, scores.RowCount);
        var guest = await ReplayAsync(nodes, Guest, trained, guestNew);
        var host = await ReplayAsync(nodes, Host, trained, hostNew);
        Assert.NotEmpty(guest.Rows.Schema.FeatureNames);
        Assert.NotEmpty(host.Rows.Schema.FeatureNames);
        for (var r = 0; r < scores.RowCount; r++)
        {
            int guestRow = Array.IndexOf(guest.Rows.Ids.ToArray(), scores.Ids[r]), hostRow = Array.IndexOf(host.Rows.Ids.ToArray(), scores.Ids[r]);
            Assert.Equal(PredictJobTests.ExpectedScore("hetero_lr", guest.Weights, host.Weights, guest.Rows, guestRow, host.Rows, hostRow), scores[r, 0], Tolerance);
        }
    }

    /// <summary>One party's new rows through its exported binning and selection shares, in plaintext, and its share of the weights.</summary>
    private static async Task<(PartyTable Rows, byte[] Weights)> ReplayAsync(LoopbackNodes nodes, int party, string jobId, PartyTable rows)
    {
        using var own = nodes.Operator(party);
        var binning = BinningModel.FromBytes(await nodes.ExportedModelAsync(own, $"{jobId}_binning_0"), "binning_0");
        var selection = SelectionModel.FromBytes(await nodes.ExportedModelAsync(own, $"{jobId}_selection_0"), "selection_0");
        Assert.Equal(TransformMethod.Woe, binning.Transform);
        return (selection.Apply(BinningTransform.Apply(rows, binning, $"party {party}")), await nodes.ExportedModelAsync(own, $"{jobId}_hetero_lr_0"));
    }
}
