using Concord.Data;
using Concord.Flow.Control;
using Concord.ML;
using Concord.ML.FeatureBinning;
using Concord.ML.LocalBaseline;

namespace Concord.Cli.Tests;

/// <summary>reader → psi → hetero_feature_binning over the real transport, every party's node in its own process.</summary>
[Collection(NodeProcesses.Name)]
public class FeatureBinningJobTests(ProcessFederation nodes) : IClassFixture<ProcessFederation>
{
    private static readonly TableName Breast = new("experiment", "breast_hetero_binning");
    private static readonly CsvReadOptions NoLabel = new() { LabelColumn = null };

    private const string Job = """
        job: { name: binning-test, timeout: 300, seed: 3 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: experiment, name: breast_hetero_binning } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { method: ecdh, salt: breast-2026 }
          - name: binning_0
            type: hetero_feature_binning
            inputs: { data: psi_0.data }
            parameters: { bin_num: 6, key_bits: 1024, transform_method: woe }
            parties:
              guest: { method: optimal }
              host: { method: quantile }
        """;

    [Fact]
    public async Task Every_partys_iv_equals_plaintext_binning_of_the_joined_rows_and_hosts_get_their_woe()
    {
        nodes.Federation.Upload(9999, DataFile("breast_hetero_guest.csv"), Breast);
        nodes.Federation.Upload(10000, DataFile("breast_hetero_host.csv"), Breast, NoLabel);
        // The second host holds every other customer and the first ten host columns, so PSI leaves a proper subset.
        var partial = Path.Combine(nodes.Federation.Folder, "breast_hetero_host_binning.csv");
        var lines = File.ReadAllLines(DataFile("breast_hetero_host.csv"));
        File.WriteAllLines(partial, [.. new[] { lines[0] }.Concat(lines.Skip(1).Where((_, i) => i % 2 == 0)).Select(l => string.Join(',', l.Split(',').Take(11)))]);
        nodes.Federation.Upload(10001, partial, Breast, NoLabel);
        using var api = nodes.Federation.Operator(9999);

        var view = await api.WaitAsync(await api.SubmitAsync(Job, "binning.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        var aligned = new[] { 9999, 10000, 10001 }.Select(p => TableStore.Open(nodes.Federation.HomeOf(p)).Load(new TableName(view.Job.JobId, "psi_0_data"))).ToList();
        var labels = aligned[0].Labels!;
        var metrics = (await api.MetricsAsync(view.Job.JobId, CancellationToken.None)).Single(m => m.Task.Component == "binning_0" && m.Task.Party == 9999).Value;
        var ivs = metrics["iv"]!.AsObject().ToDictionary(kv => kv.Key, kv => kv.Value!.GetValue<double>());

        var guestOptions = new FeatureBinningOptions { Method = BinningMethod.Optimal, BinNum = 6 };
        foreach (var table in LocalFeatureBinning.Run(Columns(aligned[0]), labels, guestOptions))
        {
            Assert.Equal(table.Iv, ivs[table.Column], 1e-12);
        }
        foreach (var (host, h) in new[] { (10000, 1), (10001, 2) })
        {
            var expected = LocalFeatureBinning.Run(Columns(aligned[h]), labels, new FeatureBinningOptions { BinNum = 6 });
            Assert.Equal(expected.Count, ivs.Keys.Count(k => k.StartsWith($"host_{host}_x", StringComparison.Ordinal)));
            for (var c = 0; c < expected.Count; c++)
            {
                Assert.Equal(expected[c].Iv, ivs[AnonymousColumns.Id(host, c)], 1e-12);
            }
            // The host's output is its own columns as the WOE of their bins, which the guest returned to it.
            var output = TableStore.Open(nodes.Federation.HomeOf(host)).Load(new TableName(view.Job.JobId, "binning_0_data"));
            var bins = new ColumnBins("x0", null, expected[0].Cuts!, null);
            Assert.Equal(aligned[h].Column(0).ToArray().Select(x => expected[0].Woe![bins.BinOf(x)]), output.Column(0).ToArray(), (a, b) => Math.Abs(a - b) <= 1e-12);
        }
        // The guest knows its own columns by name and every host column only by its anonymous id.
        Assert.Equal(aligned.Sum(t => t.FeatureCount), ivs.Count);
        Assert.Equal([.. aligned[0].Schema.FeatureNames], ivs.Keys.Where(k => !k.StartsWith("host_", StringComparison.Ordinal)));
    }

    private static NumericColumns Columns(PartyTable table) =>
        new([.. table.Schema.FeatureNames], [.. Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray())]);

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}
