using System.Text.Json.Nodes;

namespace Concord.Cli.Tests;

[Collection(NodeProcesses.Name)]
public class BenchSecureBoostTests
{
    [Fact]
    public async Task Bench_secureboost_trains_over_node_processes_equal_to_the_local_baseline_and_reports_where_the_time_goes()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3),
            "bench", "secureboost", "--rows", "300", "--guest-features", "3", "--host-features", "2", "--trees", "2", "--depth", "2", "--key-bits", "1024", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonNode.Parse(run.LastLine)!;
        Assert.Equal(result["baselineAuc"]!.GetValue<double>(), result["federatedAuc"]!.GetValue<double>(), 1e-12);
        Assert.InRange(result["federatedAuc"]!.GetValue<double>(), 0.6, 1);
        foreach (var figure in new[] { "totalSeconds", "baselineSeconds", "encryptSeconds", "histogramSeconds", "decryptSeconds", "cpuSeconds" })
        {
            Assert.True(result[figure]!.GetValue<double>() > 0, $"{figure} should be positive");
        }
        Assert.Equal(["guest", "host"], result["parties"]!.AsArray().Select(p => p!["role"]!.GetValue<string>()));
        Assert.Contains("round 2/2", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_depth_out_of_range_is_refused_before_anything_starts()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "bench", "secureboost", "--depth", "17");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--depth must be between 1 and 16 (got 17)", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}
