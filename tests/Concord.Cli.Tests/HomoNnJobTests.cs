using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>
/// examples/jobs/homo-nn-vehicle.yaml over node processes (guest, host, arbiter), with fewer rounds so that it is
/// quick; the full job's accuracy against the central baseline is Concord.ML.Tests' HomoNnFederationTests.
/// </summary>
[Collection(NodeProcesses.Name)]
public class HomoNnJobTests
{
    /// <summary>The example job with its data paths made absolute and <paramref name="edit"/> applied to its text.</summary>
    private static async Task<string> ExampleJob(string folder, Func<string, string> edit)
    {
        var examples = Path.Combine(AppContext.BaseDirectory, "examples");
        var text = await File.ReadAllTextAsync(Path.Combine(examples, "jobs", "homo-nn-vehicle.yaml"));
        var job = Path.Combine(folder, "homo-nn.yaml");
        await File.WriteAllTextAsync(job, edit(text.Replace("../data/", Path.Combine(examples, "data") + "/", StringComparison.Ordinal)));
        return job;
    }

    [Fact]
    public async Task The_vehicle_example_trains_with_secure_aggregation_and_reports_accuracy_on_the_held_out_rows()
    {
        var folder = Directory.CreateTempSubdirectory("concord-homo-nn-");
        var job = await ExampleJob(folder.FullName, t => t.Replace("rounds: 200", "rounds: 8", StringComparison.Ordinal));

        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "run", job, "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("success", result.RootElement.GetProperty("state").GetString());
        var evaluation = result.RootElement.GetProperty("metrics").GetProperty("evaluation_0").GetProperty("9999");
        Assert.Equal(169, evaluation.GetProperty("rows").GetInt32());
        // Eight rounds are far from the full job's 0.85, but well above the 0.25 of guessing.
        Assert.InRange(result.RootElement.GetProperty("accuracy").GetDouble(), 0.5, 1);
        var nn = result.RootElement.GetProperty("metrics").GetProperty("homo_nn_0").GetProperty("9999");
        Assert.Equal(8, nn.GetProperty("rounds_trained").GetInt32());
        Assert.Equal((18 * 32) + 32 + (32 * 4) + 4, nn.GetProperty("parameters").GetInt32());
    }

    [Fact]
    public async Task A_network_with_the_wrong_number_of_outputs_fails_before_training_with_what_to_change()
    {
        var folder = Directory.CreateTempSubdirectory("concord-homo-nn-bad-");
        var job = await ExampleJob(folder.FullName, t => t.Replace("{ type: dense, units: 4 }", "{ type: dense, units: 3 }", StringComparison.Ordinal));

        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "run", job, "--json");

        Assert.NotEqual(0, run.ExitCode);
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("failed", result.RootElement.GetProperty("state").GetString());
        Assert.Contains(
            "the label takes 4 classes across the clients, but layers[3] (dense), the output layer, has 3 unit(s); set units: 4 and end with softmax",
            result.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
    }
}
