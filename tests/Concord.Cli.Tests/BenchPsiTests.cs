using System.Text.Json.Nodes;

namespace Concord.Cli.Tests;

[Collection(NodeProcesses.Name)]
public class BenchPsiTests
{
    [Fact]
    public async Task Bench_psi_intersects_over_node_processes_and_reports_a_breakdown_per_party()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "bench", "psi", "--ids", "400", "--overlap", "0.25", "--reference-seconds", "0.1", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonNode.Parse(run.LastLine)!;
        Assert.Equal(100, result["intersection"]!.GetValue<int>());
        var parties = result["parties"]!.AsArray();
        Assert.Equal(["guest", "host"], parties.Select(p => p!["role"]!.GetValue<string>()));
        Assert.All(parties, p => Assert.True(p!["scalarMultiplication"]!.GetValue<double>() > 0));
        Assert.All(result["reference"]!.AsArray(), f => Assert.True(f!["perCore"]!.GetValue<double>() > 1000));
    }

    [Fact]
    public async Task An_overlap_of_zero_is_refused_before_anything_starts()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "bench", "psi", "--ids", "10", "--overlap", "0");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--overlap must be in (0, 1]", run.Stderr + run.Stdout);
    }
}
