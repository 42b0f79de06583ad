using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>The README's main job, end to end: guest, host and arbiter processes, PSI → HeteroLR and SecureBoost → Evaluation.</summary>
[Collection(NodeProcesses.Name)]
public class DemoTests
{
    [Fact]
    public async Task The_demo_trains_vertical_models_that_match_their_plaintext_baselines()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(5), "demo", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var figures = JsonDocument.Parse(run.LastLine);
        var root = figures.RootElement;
        Assert.True(root.GetProperty("passed").GetBoolean());
        Assert.Equal("success", root.GetProperty("state").GetString());
        // The bank trains on 24,000 of FATE's default_credit customers; the partner holds all 30,000.
        Assert.Equal(24000, root.GetProperty("intersection").GetInt64());
        var models = root.GetProperty("models").EnumerateArray().ToDictionary(m => m.GetProperty("component").GetString()!);
        // The tolerance for HeteroLR against the LocalBaseline, and a model far better than chance.
        var lr = models["hetero_lr_0"];
        Assert.InRange(Math.Abs(lr.GetProperty("auc").GetDouble() - lr.GetProperty("baselineAuc").GetDouble()), 0, 0.01);
        Assert.True(lr.GetProperty("auc").GetDouble() > 0.7);
        // SecureBoost on the same intersection is lossless: the plaintext boosting's AUC exactly, and better than HeteroLR's.
        var boost = models["hetero_secureboost_0"];
        Assert.True(boost.GetProperty("passed").GetBoolean());
        Assert.Equal(boost.GetProperty("baselineAuc").GetDouble(), boost.GetProperty("auc").GetDouble(), 1e-9);
        Assert.True(boost.GetProperty("auc").GetDouble() > lr.GetProperty("auc").GetDouble());
        // Then a few new customers, scored online by both models: probabilities, one per model and customer.
        var served = root.GetProperty("served").EnumerateArray().ToList();
        Assert.Equal(5, served.Count);
        Assert.All(served, c => Assert.All(new[] { "credit-lr", "credit-secureboost" }, m => Assert.InRange(c.GetProperty("scores").GetProperty(m).GetDouble(), 0, 1)));
        Assert.All(served, c => Assert.Equal(0, int.Parse(c.GetProperty("id").GetString()!, System.Globalization.CultureInfo.InvariantCulture) % 5));
    }
}
