using System.Globalization;
using System.Text.Json;
using Concord.Data;
using Concord.Flow.Api;
using Concord.Flow.Control;
using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>
/// A PSI job through two node processes, then what scripts read of it: <c>concord job status|list|logs|metrics --json</c>,
/// and <c>concord job output</c>, which gives each party its own output table as CSV and nothing else: a component's data
/// table, or one of its named tables (data_split's train set) with <c>--output</c>.
/// </summary>
[Collection(NodeProcesses.Name)]
public sealed class JobOutputTests(JobOutputTests.PsiJob run) : IClassFixture<JobOutputTests.PsiJob>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task Each_party_downloads_its_own_psi_output_as_the_csv_of_its_stored_table()
    {
        foreach (var party in new[] { PsiJob.Guest, PsiJob.Host })
        {
            var file = Path.Combine(run.Federation.Folder, $"psi-{party}.csv");
            var result = await Concord("job", "output", run.JobId, "psi_0", "--out", file, "--party", $"{party}");
            Assert.Contains($"wrote {file}", result.Stdout, StringComparison.Ordinal);

            var stored = TableStore.Open(run.Federation.HomeOf(party)).Load(new TableName(run.JobId, "psi_0_data"));
            var lines = await File.ReadAllLinesAsync(file);
            Assert.Equal(string.Join(',', new[] { stored.Schema.IdName, stored.Schema.LabelName }.OfType<string>().Concat(stored.Schema.FeatureNames)), lines[0]);
            Assert.Equal(stored.RowCount, lines.Length - 1);
            Assert.Equal(stored.Ids, lines.Skip(1).Select(l => l.Split(',')[0]));
            var first = lines[1].Split(',').Skip(1).Select(c => double.Parse(c, CultureInfo.InvariantCulture)).ToArray();
            var label = stored.Labels is null ? [] : new[] { stored.Labels[0] };
            Assert.Equal([.. label, .. Row(stored, 0)], first);
        }
        var guestIds = (await File.ReadAllLinesAsync(Path.Combine(run.Federation.Folder, $"psi-{PsiJob.Guest}.csv"))).Skip(1).Select(l => l.Split(',')[0]);
        var hostLines = await File.ReadAllLinesAsync(Path.Combine(run.Federation.Folder, $"psi-{PsiJob.Host}.csv"));
        Assert.Equal(guestIds, hostLines.Skip(1).Select(l => l.Split(',')[0]));
        Assert.DoesNotContain("y", hostLines[0].Split(','));
    }

    [Fact]
    public async Task Each_of_data_splits_sets_downloads_by_its_output_name_and_together_they_are_the_psi_output()
    {
        var ids = new List<string>();
        foreach (var set in new[] { "train_output_data", "validate_output_data", "test_output_data" })
        {
            var file = Path.Combine(run.Federation.Folder, $"split-{set}.csv");
            var result = await Concord("job", "output", run.JobId, "data_split_0", "--output", set, "--out", file);
            Assert.Contains($"wrote {file}", result.Stdout, StringComparison.Ordinal);

            var stored = TableStore.Open(run.Federation.HomeOf(PsiJob.Guest)).Load(new TableName(run.JobId, $"data_split_0_{set}"));
            var lines = await File.ReadAllLinesAsync(file);
            Assert.NotEmpty(stored.Ids);
            Assert.Equal(stored.Ids, lines.Skip(1).Select(l => l.Split(',')[0]));
            ids.AddRange(stored.Ids);
        }
        var psi = TableStore.Open(run.Federation.HomeOf(PsiJob.Guest)).Load(new TableName(run.JobId, "psi_0_data"));
        Assert.Equal(psi.Ids.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Another_component_job_or_output_name_and_another_party_s_node_are_refused_in_one_line()
    {
        var file = Path.Combine(run.Federation.Folder, "never.csv");
        await Refused($"component psi_9 of job {run.JobId} left no output table at party {PsiJob.Guest}; these have one: data_split_0, psi_0, reader_0", "job", "output", run.JobId, "psi_9");
        await Refused("no job no-such-job", "job", "output", "no-such-job", "psi_0");
        await Refused($"component psi_0 of job {run.JobId} has no output table named model at party {PsiJob.Guest}; it has data", "job", "output", run.JobId, "psi_0", "--output", "model");
        await Refused($"component data_split_0 of job {run.JobId} has no output table named train at party {PsiJob.Guest}; it has train_output_data, validate_output_data, test_output_data",
            "job", "output", run.JobId, "data_split_0", "--output", "train");
        await Refused($"component data_split_0 of job {run.JobId} has 3 output tables at party {PsiJob.Guest}: train_output_data, validate_output_data, test_output_data; name one with output",
            "job", "output", run.JobId, "data_split_0");
        // The guest's operator token opens only the guest's node: the host's node does not know it.
        var guestToken = OperatorToken.Read(run.Federation.HomeOf(PsiJob.Guest));
        await Refused("the operator API needs the operator certificate or the node's operator token", "job", "output", run.JobId, "psi_0", "--party", $"{PsiJob.Host}", "--token", guestToken);
        Assert.False(File.Exists(file));
        Assert.Empty(Directory.EnumerateFiles(run.Federation.Folder, "never.csv*"));

        async Task Refused(string expected, params string[] arguments)
        {
            var result = await ConcordProcess.RunAsync(Timeout, [.. arguments, "--out", file, "--config", run.Federation.ConfigPath]);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
            Assert.Single(result.Stderr.Trim().Split('\n'));
        }
    }

    [Fact]
    public async Task Job_status_list_logs_and_metrics_print_parseable_json_on_the_last_line()
    {
        using (var status = await Json("job", "status", run.JobId))
        {
            var root = status.RootElement;
            Assert.Equal((run.JobId, "psi-output-test", "success"), (root.GetProperty("jobId").GetString(), root.GetProperty("name").GetString(), root.GetProperty("state").GetString()));
            var tasks = root.GetProperty("tasks").EnumerateArray().Select(t => (t.GetProperty("component").GetString()!, t.GetProperty("party").GetInt32(), t.GetProperty("state").GetString()!)).ToHashSet();
            Assert.Equal(new[] { ("data_split_0", 9999, "success"), ("data_split_0", 10000, "success"), ("psi_0", 9999, "success"), ("psi_0", 10000, "success"),
                ("reader_0", 9999, "success"), ("reader_0", 10000, "success") }.ToHashSet(), tasks);
        }
        using (var list = await Json("job", "list"))
        {
            var job = Assert.Single(list.RootElement.GetProperty("jobs").EnumerateArray(), j => j.GetProperty("jobId").GetString() == run.JobId);
            Assert.Equal("success", job.GetProperty("state").GetString());
            Assert.True(job.GetProperty("createdAt").TryGetDateTimeOffset(out _));
        }
        using (var logs = await Json("job", "logs", run.JobId, "--component", "psi_0"))
        {
            var lines = logs.RootElement.GetProperty("lines").EnumerateArray().ToList();
            Assert.NotEmpty(lines);
            Assert.All(lines, l => Assert.Equal("psi_0", l.GetProperty("component").GetString()));
            Assert.Equal(lines.Select(l => l.GetProperty("sequence").GetInt64()).Order(), lines.Select(l => l.GetProperty("sequence").GetInt64()));
        }
        using (var metrics = await Json("job", "metrics", run.JobId))
        {
            var psi = Assert.Single(metrics.RootElement.GetProperty("values").EnumerateArray(), m => m.GetProperty("component").GetString() == "psi_0" && m.GetProperty("party").GetInt32() == PsiJob.Guest);
            var stored = TableStore.Open(run.Federation.HomeOf(PsiJob.Guest)).Load(new TableName(run.JobId, "psi_0_data"));
            Assert.Equal(stored.RowCount, psi.GetProperty("value").GetProperty("intersect_count").GetInt32());
        }
    }

    private async Task<JsonDocument> Json(params string[] arguments) => JsonDocument.Parse((await Concord([.. arguments, "--json"])).LastLine);

    private async Task<ConcordProcess.Result> Concord(params string[] arguments)
    {
        var result = await ConcordProcess.RunAsync(Timeout, [.. arguments, "--config", run.Federation.ConfigPath]);
        Assert.True(result.ExitCode == 0, $"concord {string.Join(' ', arguments)}: {result.Stderr}");
        return result;
    }

    private static double[] Row(PartyTable table, int row)
    {
        var values = new double[table.FeatureCount];
        table.CopyRow(row, values);
        return values;
    }

    /// <summary>Two node processes on loopback and one PSI job they ran, shared by the tests of this class.</summary>
    public sealed class PsiJob : IAsyncLifetime
    {
        public const int Guest = 9999;
        public const int Host = 10000;
        private static readonly TableName Breast = new("experiment", "breast_hetero");

        internal LocalFederation Federation { get; private set; } = null!;

        public string JobId { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Federation = LocalFederation.Create(Directory.CreateTempSubdirectory("concord-output-").FullName, Guest, [Host]);
            Federation.Upload(Guest, DataFile("breast_hetero_guest.csv"), Breast);
            // The host holds every other customer, so the intersection is a proper subset of the guest's rows.
            var partial = Path.Combine(Federation.Folder, "breast_hetero_host_partial.csv");
            var lines = File.ReadAllLines(DataFile("breast_hetero_host.csv"));
            File.WriteAllLines(partial, [lines[0], .. lines.Skip(1).Where((_, i) => i % 2 == 0)]);
            Federation.Upload(Host, partial, Breast, new CsvReadOptions { LabelColumn = null });
            await Federation.StartAllAsync(null, CancellationToken.None);
            using var api = Federation.Operator(Guest);
            var view = await api.WaitAsync(await api.SubmitAsync("""
                job: { name: psi-output-test, timeout: 300, seed: 3 }
                parties: { guest: 9999, hosts: [10000] }
                components:
                  - name: reader_0
                    type: reader
                    parameters: { table: { namespace: experiment, name: breast_hetero } }
                  - name: psi_0
                    type: psi
                    inputs: { data: reader_0.data }
                    parameters: { method: ecdh, salt: output-test }
                  - name: data_split_0
                    type: data_split
                    inputs: { data: psi_0.data }
                    parameters: { train_size: 0.6, validate_size: 0.2, test_size: 0.2 }
                """, "psi-output.yaml", CancellationToken.None), null, CancellationToken.None);
            Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
            JobId = view.Job.JobId;
        }

        public async Task DisposeAsync()
        {
            await Federation.StopAllAsync(null);
            var folder = Federation.Folder;
            await Federation.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
    }
}
