using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Concord.Flow.Store;
using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>
/// <c>concord model list|export|import</c> offline on party homes and through running nodes: a model moves from an
/// old home of party 9999 into its node and out again, signed with its key, and no other party will take it.
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

    private static async Task<ConcordProcess.Result> Concord(params string[] arguments)
    {
        var result = await ConcordProcess.RunAsync(Timeout, arguments);
        Assert.True(result.ExitCode == 0, $"concord {string.Join(' ', arguments)}: exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }
}
