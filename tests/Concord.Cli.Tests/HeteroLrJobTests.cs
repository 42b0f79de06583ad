using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>A vertical job over node processes: guest and host train with an arbiter that runs no reader.</summary>
[Collection(NodeProcesses.Name)]
public class HeteroLrJobTests
{
    [Fact]
    public async Task A_hetero_lr_job_with_an_arbiter_runs_to_success_and_reports_the_loss_per_epoch()
    {
        var data = ExampleData();
        var folder = Directory.CreateTempSubdirectory("concord-hetero-");
        var job = Path.Combine(folder.FullName, "hetero-lr.yaml");
        await File.WriteAllTextAsync(job, $$"""
            job: { name: hetero-lr-process, timeout: 300, seed: 5 }
            parties: { guest: 9999, hosts: [10000], arbiter: 10002 }
            components:
              - name: reader_0
                type: reader
                parameters: { table: { namespace: demo, name: breast_hetero } }
                parties:
                  9999:  { file: {{Path.Combine(data, "breast_hetero_guest.csv")}}, label_name: y }
                  10000: { file: {{Path.Combine(data, "breast_hetero_host.csv")}} }
              - name: hetero_lr_0
                type: hetero_lr
                inputs: { train_data: reader_0.data }
                parameters: { max_iter: 3, optimizer: sgd, learning_rate: 0.3, key_bits: 1024, tol: 0 }
            """);

        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "run", job, "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("success", result.RootElement.GetProperty("state").GetString());
        var losses = result.RootElement.GetProperty("metrics").GetProperty("hetero_lr_0").GetProperty("9999").GetProperty("loss")
            .EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(3, losses.Length);
        Assert.Equal(Math.Log(2), losses[0], 1e-6);
        Assert.True(losses[2] < losses[0], $"the Taylor loss should fall: {string.Join(", ", losses)}");
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
