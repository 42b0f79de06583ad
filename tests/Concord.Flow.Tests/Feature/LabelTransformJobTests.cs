using System.Text;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Control;
using Concord.Flow.Deployment;
using Concord.Flow.Jobs;
using Concord.Flow.Serving;

namespace Concord.Flow.Tests.Feature;

/// <summary>
/// Labels written as words, end to end on real nodes: breast cancer customers whose guest file says "yes"/"no" (the
/// first 190 of the bundled breast_hetero_guest.csv, tests/Concord.Flow.Tests/Data) go through reader → psi →
/// label_transform → hetero_lr → evaluation; the deployed pipeline replays the fitted encoder on new customers and
/// `job output` shows their labels as words again. Without label_transform, hetero_lr refuses the words.
/// </summary>
public sealed class LabelTransformJobTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private static readonly CancellationToken None = CancellationToken.None;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new PsiComponent(), new LabelTransformComponent(),
        .. HeteroLinearComponent.All, new ModelLoaderComponent(), new EvaluationComponent()]);

    private static string Train(string labelTransform) => $$"""
        job: { name: label-transform-test, timeout: 120, seed: 3 }
        parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { salt: label-test }
        {{labelTransform}}
          - name: hetero_lr_0
            type: hetero_lr
            inputs: { train_data: {{(labelTransform.Length == 0 ? "psi_0" : "label_transform_0")}}.data }
            parameters: { max_iter: 5, optimizer: sgd, learning_rate: 0.2, key_bits: 1024, standardize: true }
          - name: evaluation_0
            type: evaluation
            inputs: { data: hetero_lr_0.data }
            parameters: { eval_type: binary }
        """;

    private static string LabelTransform(string parameters) => $$"""
          - name: label_transform_0
            type: label_transform
            inputs: { data: psi_0.data }
            parameters: {{parameters}}
        """;

    [Fact]
    public async Task Yes_no_labels_train_through_label_transform_and_come_back_as_words_from_the_deployed_pipeline()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (train, fresh) = Upload(nodes);
        using var api = nodes.Operator(Guest);

        var trained = await PredictJobTests.RunAsync(api, Train(LabelTransform("{ label_encoder: { \"yes\": 1, \"no\": 0 } }")));

        var guestTables = TableStore.Open(nodes.Config.Party(Guest).Home!);
        var encoded = guestTables.Load(ComponentOutputs.DataTable(trained, "label_transform_0"));
        var words = Words(train);
        Assert.All(Enumerable.Range(0, encoded.RowCount), r => Assert.Equal(words[encoded.Ids[r]] == "yes" ? 1.0 : 0.0, encoded.Labels![r]));
        var evaluation = (await api.MetricsAsync(trained, None)).Single(m => m.Task.Component == "evaluation_0").Value;
        Assert.InRange(evaluation["auc"]!.GetValue<double>(), 0.9, 1.0);
        Assert.Equal(["label_transform_0", "hetero_lr_0"], (await api.DeployAsync(new DeployRequest(trained, "words"), None)).Fitted);

        var predicted = await PredictAsync(api, "new");

        var output = await OutputAsync(api, predicted);
        Assert.Equal($"id,y,{PredictionColumns.Score}", output[0]);
        var freshWords = Words(fresh);
        Assert.Equal(freshWords.Count, output.Length - 1);
        Assert.All(output.Skip(1).Select(line => line.Split(',')), cells => Assert.Equal(freshWords[cells[0]], cells[1]));
        var scored = output.Skip(1).Select(line => line.Split(',')).ToLookup(c => c[1], c => double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture));
        Assert.True(scored["yes"].Average() > scored["no"].Average(), "the model scores the yes rows higher");
    }

    [Fact]
    public async Task A_label_the_fitted_encoder_never_saw_is_refused_at_prediction_naming_it_the_column_and_the_party()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        Upload(nodes);
        var maybe = CsvTableReader.Read(WriteCsv(nodes, "maybe.csv", File.ReadAllText(DataFile("breast_yes_no_guest_new.csv")).Replace(",no,", ",maybe,", StringComparison.Ordinal)));
        TableStore.Open(nodes.Config.Party(Guest).Home!).Save(new TableName("test", "maybe"), maybe);
        TableStore.Open(nodes.Config.Party(Host).Home!).Save(new TableName("test", "maybe"), TableStore.Open(nodes.Config.Party(Host).Home!).Load(new TableName("test", "new")));
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, Train(LabelTransform("{}")));
        await api.DeployAsync(new DeployRequest(trained, "words"), None);

        var job = await api.PredictWithAsync("words", new PipelinePredict(new TableRef("test", "maybe")), None);
        var view = await api.WaitAsync(job.JobId, null, None);

        Assert.True(view.Job.State == TaskState.Failed, view.Job.Error);
        Assert.Contains("party 9999 (guest) failed in label_transform_0: party guest:9999: the label \"maybe\" of column \"y\" is not in the fitted label_encoder (\"no\", \"yes\")", view.Job.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', view.Job.Error!);
    }

    [Fact]
    public async Task Training_on_words_without_label_transform_is_refused_naming_the_component()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        Upload(nodes);
        using var api = nodes.Operator(Guest);

        var view = await api.WaitAsync(await api.SubmitAsync(Train(""), "train.yaml", None), null, None);

        Assert.True(view.Job.State == TaskState.Failed, view.Job.Error);
        Assert.Contains("hetero_lr_0 (hetero_lr) at party 9999: the labels of column \"y\" in train_data are words (\"no\", \"yes\"); add a label_transform component before hetero_lr_0",
            view.Job.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_encoder_missing_a_label_of_the_data_is_refused_naming_the_label_column_and_party()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        Upload(nodes);
        using var api = nodes.Operator(Guest);

        var view = await api.WaitAsync(await api.SubmitAsync(Train(LabelTransform("{ label_encoder: { \"yes\": 1 } }")), "train.yaml", None), null, None);

        Assert.True(view.Job.State == TaskState.Failed, view.Job.Error);
        Assert.Contains("failed in label_transform_0: party guest:9999: the label \"no\" of column \"y\" is not in label_encoder (\"yes\")", view.Job.Error, StringComparison.Ordinal);
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "Data", name);

    /// <summary>Uploads the guest's training and new customers (labels as words) and the host's features of all of them.</summary>
    private static (PartyTable Train, PartyTable New) Upload(LoopbackNodes nodes)
    {
        var guest = TableStore.Open(nodes.Config.Party(Guest).Home!);
        var host = TableStore.Open(nodes.Config.Party(Host).Home!);
        var train = CsvTableReader.Read(DataFile("breast_yes_no_guest.csv"));
        var fresh = CsvTableReader.Read(DataFile("breast_yes_no_guest_new.csv"));
        var features = CsvTableReader.Read(DataFile("breast_yes_no_host.csv"), new CsvReadOptions { LabelColumn = null });
        Assert.True(train.Schema.HasTextLabels);
        guest.Save(new TableName("test", "train"), train);
        guest.Save(new TableName("test", "new"), fresh);
        host.Save(new TableName("test", "train"), features);
        host.Save(new TableName("test", "new"), features);
        return (train, fresh);
    }

    private static Dictionary<string, string> Words(PartyTable table) =>
        Enumerable.Range(0, table.RowCount).ToDictionary(r => table.Ids[r], r => table.Schema.LabelClasses!.TextOf(table.Labels![r])!);

    private static string WriteCsv(LoopbackNodes nodes, string name, string text)
    {
        var path = Path.Combine(nodes.Config.Party(Guest).Home!, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static async Task<string> PredictAsync(Api.OperatorClient api, string table)
    {
        var job = await api.PredictWithAsync("words", new PipelinePredict(new TableRef("test", table)), None);
        var view = await api.WaitAsync(job.JobId, null, None);
        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        return job.JobId;
    }

    /// <summary>What <c>concord job output JOB hetero_lr_0</c> prints at the guest, line by line.</summary>
    private static async Task<string[]> OutputAsync(Api.OperatorClient api, string jobId)
    {
        using var csv = new MemoryStream();
        await api.DownloadOutputAsync(jobId, "hetero_lr_0", null, csv, None);
        return Encoding.UTF8.GetString(csv.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
