using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>The README's main job, end to end: three node processes, mutual TLS, federated statistics.</summary>
public class DemoTests
{
    [Fact]
    public async Task The_demo_runs_three_nodes_and_matches_plaintext()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "demo", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var figures = JsonDocument.Parse(run.LastLine);
        var root = figures.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("success", root.GetProperty("state").GetString());
        // FATE's default_credit horizontal split: 24,000 training rows across the three parties.
        Assert.Equal(24000, root.GetProperty("rows").GetInt32());
        Assert.Equal(3, root.GetProperty("parties").GetArrayLength());
        Assert.True(root.GetProperty("exactCountsAndExtremes").GetBoolean());
        Assert.True(root.GetProperty("worstRelativeError").GetDouble() <= 1e-9);
    }
}
