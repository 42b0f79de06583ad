using System.Text.Json.Nodes;

namespace Concord.Cli.Tests;

/// <summary><c>concord bench binning</c>: its report, its JSON line, and its refusals, which it shares with <c>bench secureboost</c>.</summary>
[Collection(NodeProcesses.Name)]
public class BenchBinningTests
{
    [Fact]
    public async Task Bench_binning_bins_over_node_processes_with_the_ivs_of_plaintext_and_reports_where_the_time_goes()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3),
            "bench", "binning", "--rows", "200", "--guest-features", "2", "--host-features", "3", "--bins", "4", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonNode.Parse(run.LastLine)!;
        Assert.InRange(result["maxIvDifference"]!.GetValue<double>(), 0, 1e-9);
        Assert.Equal((200, 2, 3, 4, 1024), (result["rows"]!.GetValue<int>(), result["guestFeatures"]!.GetValue<int>(), result["hostFeatures"]!.GetValue<int>(),
            result["bins"]!.GetValue<int>(), result["keyBits"]!.GetValue<int>()));
        Assert.Equal(["guest", "host"], result["parties"]!.AsArray().Select(p => p!["role"]!.GetValue<string>()));
        var lines = run.Stdout.Split('\n');
        Assert.StartsWith($"Hetero feature binning, 200 rows, 2 guest + 3 host columns, 4 bins, 1024-bit key; {result["cores"]} cores", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^total \d+\.\d s; plaintext binning of the joined data in the same run \d+\.\d\d s \(ratio \d+×\); target ≤ 34 s on 2 cores: ", lines[1]);
        Assert.StartsWith("CPU time of the two node processes ", lines[2], StringComparison.Ordinal);
        foreach (var step in new[] { "key generation (guest)", "encrypt labels (guest)", "encrypted sums per bin (host)", "decrypt (guest)", "cut points (both)" })
        {
            Assert.Contains(lines, l => l.Contains($"│ {step} ", StringComparison.Ordinal));
        }
        Assert.Contains(lines, l => l.StartsWith("│ 9999 (guest) ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("│ 10000 (host) ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("--bins", "1", "--bins must be between 2 and 250 (got 1)")]
    [InlineData("--rows", "9", "--rows must be at least 10 (got 9)")]
    [InlineData("--key-bits", "512", "--key-bits must be between 1024 and 4096 (got 512)")]
    public async Task An_option_out_of_range_is_refused_before_anything_starts(string option, string value, string expected)
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "bench", "binning", option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Stderr + run.Stdout, StringComparison.Ordinal);
    }
}
