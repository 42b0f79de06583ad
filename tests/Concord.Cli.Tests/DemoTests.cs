using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>The README's main job, end to end: guest, host and arbiter processes, PSI → HeteroLR → Evaluation.</summary>
[Collection(NodeProcesses.Name)]
public class DemoTests
{
    [Fact]
    public async Task The_demo_trains_a_vertical_model_that_matches_the_plaintext_baseline()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(5), "demo", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var figures = JsonDocument.Parse(run.LastLine);
        var root = figures.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("success", root.GetProperty("state").GetString());
        // FATE's default_credit hetero files share all 30,000 customers.
        Assert.Equal(30000, root.GetProperty("intersection").GetInt64());
        // The tolerance for HeteroLR against the LocalBaseline, and a model far better than chance.
        Assert.InRange(Math.Abs(root.GetProperty("auc").GetDouble() - root.GetProperty("baselineAuc").GetDouble()), 0, 0.01);
        Assert.True(root.GetProperty("auc").GetDouble() > 0.7);
    }
}
