using System.Globalization;
using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary>
/// reader → psi → feature_correlation on breast_hetero over node processes, with stability and vertical statistics on
/// the same tables: the guest's cross block matches a plaintext Pearson on the joined file within 1e-9.
/// </summary>
[Collection(NodeProcesses.Name)]
public class FeatureCorrelationJobTests
{
    [Fact]
    public async Task Reader_psi_and_feature_correlation_give_the_guest_the_plaintext_cross_block()
    {
        var data = Path.Combine(AppContext.BaseDirectory, "data");
        var folder = Directory.CreateTempSubdirectory("concord-corr-");
        var job = Path.Combine(folder.FullName, "feature-correlation.yaml");
        await File.WriteAllTextAsync(job, $$"""
            job: { name: feature-correlation-process, timeout: 300, seed: 5 }
            parties: { guest: 9999, hosts: [10000] }
            components:
              - name: reader_0
                type: reader
                parameters: { table: { namespace: demo, name: breast_hetero } }
                parties:
                  9999:  { file: {{Path.Combine(data, "breast_hetero_guest.csv")}}, label_name: y }
                  10000: { file: {{Path.Combine(data, "breast_hetero_host.csv")}} }
              - name: psi_0
                type: psi
                inputs: { data: reader_0.data }
              - name: corr_0
                type: feature_correlation
                inputs: { data: psi_0.data }
                parameters: { key_bits: 1024, host_learns_cross: true }
              - name: stability_0
                type: stability
                inputs: { expected: reader_0.data, actual: psi_0.data }
              - name: stats_0
                type: statistics
                inputs: { data: psi_0.data }
                parameters: { mode: vertical, reveal_to_guest: [mean] }
            """);

        var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(4), "run", job, "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        using var result = JsonDocument.Parse(run.LastLine);
        Assert.Equal("success", result.RootElement.GetProperty("state").GetString());
        var metrics = result.RootElement.GetProperty("metrics");

        var guest = Read(Path.Combine(data, "breast_hetero_guest.csv"), skip: 2);
        var host = Read(Path.Combine(data, "breast_hetero_host.csv"), skip: 1);
        var cross = metrics.GetProperty("corr_0").GetProperty("9999").GetProperty("cross")[0];
        Assert.Equal(10000, cross.GetProperty("party").GetInt32());
        Assert.Equal("host_10000_19", cross.GetProperty("columns")[19].GetString());
        var block = cross.GetProperty("correlations");
        for (var g = 0; g < guest.Length; g++)
        {
            for (var h = 0; h < host.Length; h++)
            {
                Assert.Equal(Pearson(guest[g], host[h]), block[g][h].GetDouble(), 1e-9);
            }
        }
        // A host's metrics stay at the host (the operator API of the guest does not serve them); the ML tests check them.
        Assert.Equal(10, metrics.GetProperty("corr_0").GetProperty("9999").GetProperty("vif").GetArrayLength());

        // PSI keeps every row here, so the actual table is the expected one: every column stable.
        Assert.Equal(10, metrics.GetProperty("stability_0").GetProperty("9999").GetProperty("stableColumns").GetInt32());
        var stats = metrics.GetProperty("stats_0").GetProperty("9999");
        Assert.Equal(10, stats.GetProperty("columns").GetArrayLength());
        Assert.Equal(host[0].Average(), stats.GetProperty("hosts")[0].GetProperty("columns")[0].GetProperty("mean").GetDouble(), 1e-12);
    }

    /// <summary>The feature columns of a FATE CSV, after the first <paramref name="skip"/> columns (id, and y at the guest).</summary>
    private static double[][] Read(string file, int skip)
    {
        var rows = File.ReadAllLines(file).Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[skip..]).ToArray();
        return [.. Enumerable.Range(0, rows[0].Length).Select(c => rows.Select(r => double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray())];
    }

    private static double Pearson(double[] x, double[] y)
    {
        var (mx, my) = (x.Average(), y.Average());
        var sxy = x.Zip(y, (a, b) => (a - mx) * (b - my)).Sum();
        return sxy / Math.Sqrt(x.Sum(a => (a - mx) * (a - mx)) * y.Sum(b => (b - my) * (b - my)));
    }
}
