using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>
/// Issue 17's vertical pipeline over node processes: hetero binning gives the IVs, hetero feature selection keeps
/// columns at both parties, logistic regression trains on what is left, and the scorecard scores its predictions.
/// </summary>
[Collection(NodeProcesses.Name)]
public class SelectionScorecardJobTests
{
    [Fact]
    public async Task Binning_selection_lr_and_scorecard_run_to_success_and_each_party_keeps_only_its_chosen_columns()
    {
        var data = ExampleData();
        var folder = Directory.CreateTempSubdirectory("concord-select-");
        var job = Path.Combine(folder.FullName, "selection.yaml");
        await File.WriteAllTextAsync(job, $$"""
            job: { name: selection-process, timeout: 300, seed: 5 }
            parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
            components:
              - name: reader_0
                type: reader
                parameters: { table: { namespace: demo, name: breast_hetero } }
                parties:
                  9999:  { file: {{Path.Combine(data, "breast_hetero_guest.csv")}}, label_name: y }
                  10000: { file: {{Path.Combine(data, "breast_hetero_host.csv")}} }
              - name: binning_0
                type: hetero_feature_binning
                inputs: { data: reader_0.data }
              - name: selection_0
                type: hetero_feature_selection
                inputs: { data: reader_0.data, binning_model: binning_0.model }
                parameters: { iv_top_k: 8 }
                parties: { 10000: { filter_out_col: [x0] } }
              - name: hetero_lr_0
                type: hetero_lr
                inputs: { train_data: selection_0.data }
                parameters: { max_iter: 2, optimizer: sgd, learning_rate: 0.3, key_bits: 1024, tol: 0 }
              - name: scorecard_0
                type: scorecard
                inputs: { data: hetero_lr_0.data }
            """);

        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(4), "run", job, "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("success", result.RootElement.GetProperty("state").GetString());
        var metrics = result.RootElement.GetProperty("metrics");
        var guest = metrics.GetProperty("selection_0").GetProperty("9999");
        var guestKept = guest.GetProperty("kept").GetArrayLength();
        var hostIds = guest.GetProperty("hostKept").GetProperty("host:10000").EnumerateArray().Select(e => e.GetString()!).ToList();
        // Top 8 by IV over both parties, less the host's x0 if it was among them; the guest knows the host's by id only.
        Assert.InRange(guestKept + hostIds.Count, 7, 8);
        Assert.DoesNotContain("host_10000_x0", hostIds);
        Assert.All(hostIds, id => Assert.StartsWith("host_10000_x", id, StringComparison.Ordinal));
        var scores = metrics.GetProperty("scorecard_0").GetProperty("9999");
        Assert.Equal(569, scores.GetProperty("count").GetInt32());
        Assert.InRange(scores.GetProperty("min").GetDouble(), 0, 1500);
        Assert.InRange(scores.GetProperty("max").GetDouble(), 0, 1500);
    }

    private static string ExampleData()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "data");
            if (File.Exists(Path.Combine(candidate, "breast_hetero_guest.csv")))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException("examples/data is not above the test's folder");
    }
}
