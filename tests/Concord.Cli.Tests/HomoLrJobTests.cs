using System.Text.Json;
using Concord.Data;
using Concord.Federation.Parties;
using Concord.Flow.Components.Homo;
using Concord.ML.Evaluation;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.LocalBaseline;

namespace Concord.Cli.Tests;

/// <summary>The horizontal example job over node processes, against the LocalBaseline trained on the union of the clients' rows.</summary>
[Collection(NodeProcesses.Name)]
public class HomoLrJobTests
{
    /// <summary>The bound for HomoLR: federated AUC within 0.01 of the central model's.</summary>
    private const double AucTolerance = 0.01;

    [Fact]
    public async Task The_breast_example_runs_with_secure_aggregation_and_scores_the_test_table_like_the_central_model()
    {
        var jobs = ExampleFolder("jobs");
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "run", Path.Combine(jobs, "homo-lr-breast.yaml"), "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("success", result.RootElement.GetProperty("state").GetString());
        var auc = result.RootElement.GetProperty("auc").GetDouble();
        Assert.Equal(114, result.RootElement.GetProperty("metrics").GetProperty("evaluation_0").GetProperty("9999").GetProperty("rows").GetInt32());

        // The LocalBaseline: homo_lr's model with the job's own options, on the union of both clients' rows, for as many epochs.
        var data = ExampleFolder("data");
        HorizontalData Read(string file) => HomoTables.ToData(CsvTableReader.Read(Path.Combine(data, file), new CsvReadOptions { LabelColumn = "y" }), PartyRef.Guest(0));
        var union = HorizontalData.Union([Read("breast_homo_guest.csv"), Read("breast_homo_host.csv")]);
        var test = Read("breast_homo_test.csv");
        var factory = new HomoLrFactory(new HomoLrOptions { LearningRate = 0.05, BatchSize = 32, Alpha = 0.001 });
        var central = LocalHorizontalTrainer.Fit(factory, ModelShape.ForClassification(union.FeatureNames, union.Labels, "y"), union, 10 * 2, 42);
        var centralAuc = BinaryMetrics.Evaluate([.. test.Rows.Select(r => central.Predict(r)[0])], test.Labels).Auc;
        Assert.InRange(auc - centralAuc, -AucTolerance, AucTolerance);
    }

    private static string ExampleFolder(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", name);
            if (File.Exists(Path.Combine(candidate, "..", "data", "breast_homo_guest.csv")) && Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"examples/{name} is not above the test's folder");
    }
}
