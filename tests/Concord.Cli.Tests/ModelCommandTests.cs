using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Flow.Components.Homo;
using Concord.Flow.Store;
using Concord.Local;
using Concord.ML.Horizontal;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace Concord.Cli.Tests;

/// <summary>
/// <c>concord model list|export|import</c> offline on party homes and through running nodes: a model moves from an
/// old home of party 9999 into its node and out again, signed with its key, and no other party will take it; a
/// horizontal model exports as an ONNX model that ONNX Runtime runs.
/// </summary>
[Collection(NodeProcesses.Name)]
public class ModelCommandTests
{
    private const string ModelId = "job-1_hetero_lr_0";
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task A_model_moves_between_homes_and_nodes_of_its_party_and_no_other_party_takes_it()
    {
        var folder = Directory.CreateTempSubdirectory("concord-model-cli-").FullName;
        try
        {
            await using var federation = LocalFederation.Create(folder, 9999, [10000]);
            var config = federation.ConfigPath;
            var oldRoot = Path.Combine(folder, "old");
            var parameters = """{"weights":[0.5,-1.25,2],"intercept":0.125}""";
            using (var store = await FlowStore.OpenAsync(Path.Combine(oldRoot, "party-9999"), null))
            {
                await store.SaveModelAsync(new NewModel(ModelId, "hetero_lr", 9999, "guest", "job-1", new JsonObject { ["iterations"] = 10 }, Encoding.UTF8.GetBytes(parameters)));
            }

            // Offline, with no config: the only party home under the root is listed.
            var listed = await Concord("model", "list", "--home", oldRoot, "--json");
            var models = JsonDocument.Parse(listed.LastLine).RootElement.GetProperty("models");
            Assert.Equal((ModelId, 1, 9999), (models[0].GetProperty("modelId").GetString(), models[0].GetProperty("version").GetInt32(), models[0].GetProperty("party").GetInt32()));
            var unsigned = await ConcordProcess.RunAsync(Timeout, "model", "export", ModelId, "--home", oldRoot, "--out", Path.Combine(folder, "never.model.zip"));
            Assert.Equal(1, unsigned.ExitCode);
            Assert.Contains("to sign the export with party 9999's certificate and key, pass the federation's parties.yaml with --config", unsigned.Stderr, StringComparison.Ordinal);

            // Offline with the config: signed with party 9999's key; readable with any unzip.
            var exported = Path.Combine(folder, "lr.model.zip");
            await Concord("model", "export", ModelId, "--config", config, "--offline", "--party", "9999", "--home", oldRoot, "--out", exported);
            using (var zip = ZipFile.OpenRead(exported))
            {
                using var reader = new StreamReader(zip.GetEntry("parameters.json")!.Open());
                Assert.Equal(parameters, await reader.ReadToEndAsync());
            }
            var foreign = await ConcordProcess.RunAsync(Timeout, "model", "import", exported, "--config", config, "--offline", "--party", "10000");
            Assert.Equal(1, foreign.ExitCode);
            Assert.Equal($"error: model file {exported} cannot be imported: model {ModelId} is party 9999's, and this is party 10000's registry", foreign.Stderr.Trim());

            // Through the running nodes: import into party 9999's, export from it, and party 10000's node refuses it.
            await federation.StartAllAsync(null, CancellationToken.None);
            var imported = await Concord("model", "import", exported, "--config", config, "--party", "9999");
            Assert.Contains($"imported model {ModelId} version 1 into party 9999's node", imported.Stdout, StringComparison.Ordinal);
            var online = await Concord("model", "list", "--config", config, "--party", "9999", "--json");
            Assert.Equal(ModelId, JsonDocument.Parse(online.LastLine).RootElement.GetProperty("models")[0].GetProperty("modelId").GetString());
            var again = Path.Combine(folder, "again.model.zip");
            await Concord("model", "export", ModelId, "--config", config, "--party", "9999", "--out", again);
            var refused = await ConcordProcess.RunAsync(Timeout, "model", "import", again, "--config", config, "--party", "10000");
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains($"model file {again}: party 10000's node refused POST /api/v1/models/import (400): the uploaded model cannot be imported: model {ModelId} is party 9999's", refused.Stderr, StringComparison.Ordinal);
            Assert.Single(refused.Stderr.Trim().Split('\n'));
            await federation.StopAllAsync(null);

            // And offline into a fresh home: the node's export is verified and stored.
            var newRoot = Path.Combine(folder, "new");
            await Concord("model", "import", again, "--config", config, "--offline", "--party", "9999", "--home", newRoot);
            var copied = await Concord("model", "list", "--home", newRoot, "--party", "9999");
            Assert.Contains(ModelId, copied.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_horizontal_model_exports_as_an_onnx_model_that_scores_as_it_does_and_a_vertical_one_is_refused()
    {
        var folder = Directory.CreateTempSubdirectory("concord-model-onnx-").FullName;
        try
        {
            await using var federation = LocalFederation.Create(folder, 9999, [10000]);
            var root = Path.Combine(folder, "homes");
            // Two classes over features a and b: P(y = 1) = σ(0.5a − 1.25b + 0.125).
            var model = new HomoModelFile("homo_lr", new ModelShape(HorizontalTask.Binary, ["a", "b"], [0, 1]), [0.5, -1.25, 0.125], new JsonObject { ["fit_intercept"] = true });
            using (var store = await FlowStore.OpenAsync(Path.Combine(root, "party-9999"), null))
            {
                await store.SaveModelAsync(new NewModel("job-2_homo_lr_0", "homo_lr", 9999, "guest", "job-2", new JsonObject(), model.ToBytes()));
                await store.SaveModelAsync(new NewModel(ModelId, "hetero_lr", 9999, "guest", "job-1", new JsonObject(), Encoding.UTF8.GetBytes("""{"weights":[0.5]}""")));
            }
            string[] offline = ["--config", federation.ConfigPath, "--offline", "--party", "9999", "--home", root];

            var onnx = Path.Combine(folder, "lr.onnx");
            var written = await Concord(["model", "export", "job-2_homo_lr_0", "--format", "onnx", "--out", onnx, .. offline]);
            Assert.Contains($"wrote {onnx}", written.Stdout, StringComparison.Ordinal);
            using var session = new InferenceSession(onnx);
            double[][] rows = [[1, 2], [-3, 0.5], [0, 0]];
            var input = new DenseTensor<double>(rows.SelectMany(r => r).ToArray(), [rows.Length, 2]);
            using var results = session.Run([NamedOnnxValue.CreateFromTensor("features", input)]);
            var scores = results.Single().AsTensor<double>();
            for (var i = 0; i < rows.Length; i++)
            {
                Assert.Equal(1 / (1 + Math.Exp(-((0.5 * rows[i][0]) - (1.25 * rows[i][1]) + 0.125))), scores[i, 0], 1e-12);
            }

            var vertical = await ConcordProcess.RunAsync(Timeout, ["model", "export", ModelId, "--format", "onnx", "--out", Path.Combine(folder, "never.onnx"), .. offline]);
            Assert.Equal(1, vertical.ExitCode);
            Assert.Equal(
                $"error: model {ModelId} is a hetero_lr model; --format onnx exports horizontal models (homo_lr, homo_nn), which a client runs alone, and a vertical model's shares predict only together",
                vertical.Stderr.Trim());
            Assert.False(File.Exists(Path.Combine(folder, "never.onnx")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<ConcordProcess.Result> Concord(params string[] arguments)
    {
        var result = await ConcordProcess.RunAsync(Timeout, arguments);
        Assert.True(result.ExitCode == 0, $"concord {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }
}
