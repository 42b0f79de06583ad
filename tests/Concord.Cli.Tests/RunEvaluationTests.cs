using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary><c>concord run --json</c> on a job that ends in an evaluation, with each party a node process.</summary>
[Collection(NodeProcesses.Name)]
public class RunEvaluationTests
{
    private const string Job = """
        job: { name: run-evaluation-test, timeout: 120 }
        parties: { guest: 9999, hosts: [10000] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: predictions } }
            parties:
              9999:  { file: guest.csv }
              10000: { file: host.csv }
          - name: evaluation_0
            type: evaluation
            inputs: { data: reader_0.data }
            parameters: { eval_type: binary }
        """;

    [Fact]
    public async Task The_last_json_line_carries_the_evaluation_scalars_at_the_top_level()
    {
        var folder = Directory.CreateTempSubdirectory("concord-run-eval-");
        try
        {
            // The rows of Concord.ML.Tests' BinaryMetricsTests: sklearn gives AUC 0.7857142857142857, KS 0.4821428571428571,
            // and at the default threshold 0.5 precision 2/3, recall 6/7.
            double[] scores = [0.9, 0.8, 0.8, 0.7, 0.6, 0.55, 0.5, 0.5, 0.4, 0.3, 0.3, 0.2, 0.1, 0.8, 0.35];
            int[] labels = [1, 1, 0, 1, 0, 1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
            var guest = new StringBuilder("id,y,predict_score\n");
            var host = new StringBuilder("id,x0\n");
            for (var i = 0; i < scores.Length; i++)
            {
                guest.Append(CultureInfo.InvariantCulture, $"{i},{labels[i]},{scores[i]}\n");
                host.Append(CultureInfo.InvariantCulture, $"{i},{i * 0.5}\n");
            }
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "guest.csv"), guest.ToString());
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "host.csv"), host.ToString());
            var jobFile = Path.Combine(folder.FullName, "job.yaml");
            await File.WriteAllTextAsync(jobFile, Job);

            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(3), "run", jobFile, "--json", "--home", Path.Combine(folder.FullName, "home"));

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
            using var figures = JsonDocument.Parse(run.LastLine);
            var root = figures.RootElement;
            Assert.Equal("success", root.GetProperty("state").GetString());
            Assert.Equal(0.7857142857142857, root.GetProperty("auc").GetDouble(), 1e-12);
            Assert.Equal(0.4821428571428571, root.GetProperty("ks").GetDouble(), 1e-12);
            Assert.Equal(2 / 3.0, root.GetProperty("precision").GetDouble(), 1e-12);
            Assert.Equal(6 / 7.0, root.GetProperty("recall").GetDouble(), 1e-12);
            Assert.False(root.TryGetProperty("rmse", out _));
            // The full metrics, curves included, stay under metrics.component.party.
            Assert.Equal(10, root.GetProperty("metrics").GetProperty("evaluation_0").GetProperty("9999").GetProperty("gain").GetProperty("gain").GetArrayLength());
            // The text report names the component and its scalars readably.
            Assert.Contains("evaluation_0 at party 9999: auc 0.7857, ks 0.4821, precision 0.6667, recall 0.8571", run.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
