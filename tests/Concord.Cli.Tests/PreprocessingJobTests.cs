using System.Text.Json;
using Concord.Data;

namespace Concord.Cli.Tests;

/// <summary>reader → psi → data_split → feature_scale over node processes, on part of FATE's vertical default_credit.</summary>
[Collection(NodeProcesses.Name)]
public class PreprocessingJobTests
{
    [Fact]
    public async Task Guest_and_host_splits_hold_the_same_ids_and_the_train_rows_are_scaled()
    {
        var data = Path.GetDirectoryName(Concord.Data.Tests.ExampleData.PathOf("default_credit_hetero_guest.csv.gz"))!;
        var folder = Directory.CreateTempSubdirectory("concord-preprocessing-").FullName;
        try
        {
            // Overlapping slices of the two files, so that psi leaves a proper subset to split.
            var guestFile = Cut(Path.Combine(data, "default_credit_hetero_guest.csv.gz"), Path.Combine(folder, "guest.csv"), skip: 0, take: 3000);
            var hostFile = Cut(Path.Combine(data, "default_credit_hetero_host.csv.gz"), Path.Combine(folder, "host.csv"), skip: 1500, take: 3000);
            var job = Path.Combine(folder, "preprocessing.yaml");
            await File.WriteAllTextAsync(job, $$"""
                job: { name: preprocessing-process, timeout: 300, seed: 11 }
                parties: { guest: 9999, hosts: [10000] }
                components:
                  - name: reader_0
                    type: reader
                    parameters: { table: { namespace: demo, name: credit_cut } }
                    parties:
                      9999:  { file: {{guestFile}}, label_name: y }
                      10000: { file: {{hostFile}} }
                  - name: psi_0
                    type: psi
                    inputs: { data: reader_0.data }
                  - name: split_0
                    type: data_split
                    inputs: { data: psi_0.data }
                    parameters: { train_size: 0.6, validate_size: 0.2, test_size: 0.2, stratified: true }
                  - name: scale_0
                    type: feature_scale
                    inputs: { data: split_0.train_output_data }
                    parameters: { method: min_max }
                """);
            var home = Path.Combine(folder, "homes");

            var run = await ConcordProcess.RunAsync(TimeSpan.FromMinutes(4), "run", job, "--json", "--home", home);

            Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
            using var result = JsonDocument.Parse(run.LastLine);
            var jobId = result.RootElement.GetProperty("job").GetString()!;
            TableStore Store(int party) => TableStore.Open(PartyHome.Of($"{party}", home));
            PartyTable Output(int party, string name) => Store(party).Load(new TableName(jobId, name));
            var shared = Output(9999, "psi_0_data").RowCount;
            Assert.InRange(shared, 100, 2999);
            var sizes = new List<int>();
            foreach (var set in new[] { "train", "validate", "test" })
            {
                var atGuest = Output(9999, $"split_0_{set}_output_data").Ids.Order(StringComparer.Ordinal);
                var atHost = Output(10000, $"split_0_{set}_output_data").Ids.Order(StringComparer.Ordinal);
                Assert.Equal(atGuest, atHost);
                sizes.Add(atGuest.Count());
            }
            Assert.Equal(shared, sizes.Sum());
            Assert.InRange(sizes[0], (int)(0.6 * shared) - 2, (int)(0.6 * shared) + 2);
            foreach (var party in new[] { 9999, 10000 })
            {
                var scaled = Output(party, "scale_0_data");
                Assert.Equal(sizes[0], scaled.RowCount);
                Assert.All(Enumerable.Range(0, scaled.FeatureCount), j =>
                {
                    var column = scaled.Column(j).ToArray();
                    Assert.Equal(0, column.Min(), 1e-12);
                    Assert.Equal(1, column.Max(), 1e-12);
                });
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The header and <paramref name="take"/> data lines after the first <paramref name="skip"/> of a gzipped CSV, as plain CSV.</summary>
    private static string Cut(string gz, string path, int skip, int take)
    {
        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(gz), System.IO.Compression.CompressionMode.Decompress));
        var lines = new List<string> { reader.ReadLine()! };
        for (var i = 0; i < skip + take && reader.ReadLine() is string line; i++)
        {
            if (i >= skip)
            {
                lines.Add(line);
            }
        }
        File.WriteAllLines(path, lines);
        return path;
    }
}
