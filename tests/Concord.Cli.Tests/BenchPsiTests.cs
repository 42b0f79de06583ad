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
        var parties = result["ecdh"]!["parties"]!.AsArray();
        Assert.Equal(["guest", "host"], parties.Select(p => p!["role"]!.GetValue<string>()));
        Assert.All(parties, p => Assert.True(p!["exponentiation"]!.GetValue<double>() > 0));
        Assert.Null(result["rsa"]);
        // Every bench's JSON names its headline figure totalSeconds: here the ECDH job's.
        Assert.Equal(result["ecdh"]!["totalSeconds"]!.GetValue<double>(), result["totalSeconds"]!.GetValue<double>());
        Assert.All(result["reference"]!.AsArray(), f => Assert.True(f!["perCore"]!.GetValue<double>() > 1000));
    }

    [Fact]
    public async Task Bench_psi_by_rsa_runs_ecdh_on_the_same_ids_and_reports_both_with_the_libgmp_reference()
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3),
            "bench", "psi", "--ids", "300", "--overlap", "0.5", "--method", "rsa", "--key-bits", "1024", "--reference-seconds", "0.1", "--json");

        Assert.True(run.ExitCode == 0, run.Stderr);
        var result = JsonNode.Parse(run.LastLine)!;
        Assert.Equal(150, result["intersection"]!.GetValue<int>());
        Assert.Equal(["ecdh", "rsa"], new[] { result["ecdh"]!, result["rsa"]! }.Select(r => r["method"]!.GetValue<string>()));
        var host = result["rsa"]!["parties"]!.AsArray().Single(p => p!["role"]!.GetValue<string>() == "host")!;
        Assert.True(host["keyGeneration"]!.GetValue<double>() > 0);
        Assert.True(host["exponentiation"]!.GetValue<double>() > 0);
        Assert.Equal(1024, result["rsaKeyBits"]!.GetValue<int>());
        Assert.True(result["rsaSlowdown"]!.GetValue<double>() > 0);
        Assert.Equal(result["rsa"]!["totalSeconds"]!.GetValue<double>(), result["totalSeconds"]!.GetValue<double>());
        Assert.Contains(result["reference"]!.AsArray(), f => f!["id"]!.GetValue<string>() == "rsa_sign" && f["allCores"]!.GetValue<double>() > 0);
    }

    [Theory]
    [InlineData("--overlap", "0", "--overlap must be in (0, 1]")]
    [InlineData("--key-bits", "512", "--key-bits must be in [1024, 4096] (got 512)")]
    public async Task A_bad_option_is_refused_before_anything_starts(string option, string value, string expected)
    {
        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(1), "bench", "psi", "--ids", "10", "--method", "rsa", option, value);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains(expected, run.Stderr + run.Stdout);
    }
}
