using System.Text.Json.Nodes;

namespace Concord.Cli.Tests;

[Collection(NodeProcesses.Name)]
public class BenchHeteroLrTests
{
    [Fact]
    public async Task Bench_hetero_lr_trains_over_three_node_processes_and_says_where_each_role_spent_its_time()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3),
            "bench", "hetero-lr", "--rows", "400", "--guest-features", "3", "--host-features", "5", "--key-bits", "1024", "--epochs", "2",
            "--audit-compare", "1", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonNode.Parse(run.LastLine)!;
        Assert.Equal(2, result["epochs"]!.GetValue<int>());
        Assert.True(result["trainingSeconds"]!.GetValue<double>() > 0);
        Assert.True(result["plaintextSeconds"]!.GetValue<double>() > 0);
        var roles = result["roles"]!.AsArray().ToDictionary(r => r!["role"]!.GetValue<string>(), r => r!["seconds"]!.AsObject());
        Assert.Equal(["arbiter", "guest", "host"], roles.Keys.Order(StringComparer.Ordinal));
        // The guest and the host run the gradient kernel; only the arbiter decrypts.
        Assert.True(roles["host"]["multi_exponentiation"]!.GetValue<double>() > 0);
        Assert.True(roles["guest"]["multi_exponentiation"]!.GetValue<double>() > 0);
        Assert.True(roles["arbiter"]["decrypt"]!.GetValue<double>() > 0);
        Assert.Null(roles["host"]["decrypt"]);
        Assert.Null(roles["guest"]["decrypt"]);
        // Once with the nodes' audit trail off and once on, and the ratio of the two.
        var audit = result["audit"]!;
        var (on, off) = (audit["onSeconds"]!.AsArray().Single()!.GetValue<double>(), audit["offSeconds"]!.AsArray().Single()!.GetValue<double>());
        Assert.Equal(on / off, audit["ratio"]!.GetValue<double>(), 9);
        Assert.Contains("on / off = ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_below_1024_bits_is_refused_before_anything_starts()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "bench", "hetero-lr", "--key-bits", "512");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("--key-bits must be between 1024 and 4096 (got 512)", run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}
