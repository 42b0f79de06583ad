using Concord.Data;
using Concord.Flow.Control;

namespace Concord.Cli.Tests;

/// <summary>PSI as a job step over the real transport, every party's node in its own process.</summary>
[Collection(NodeProcesses.Name)]
public class PsiJobTests(ProcessFederation nodes) : IClassFixture<ProcessFederation>
{
    private static readonly TableName Breast = new("experiment", "breast_hetero");
    private static readonly CsvReadOptions NoLabel = new() { LabelColumn = null };

    private static string Job(string method) => $$"""
        job: { name: psi-{{method}}-test, timeout: 300, seed: 3 }
        parties: { guest: 9999, hosts: [10000, 10001] }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: experiment, name: breast_hetero } }
          - name: psi_0
            type: psi
            inputs: { data: reader_0.data }
            parameters: { method: {{method}}, key_bits: 1024, salt: breast-2026 }
        """;

    [Theory]
    [InlineData("ecdh")]
    [InlineData("rsa")]
    public async Task Reader_then_psi_leaves_every_party_the_shared_rows_in_the_same_order(string method)
    {
        var guest = nodes.Federation.Upload(9999, DataFile("breast_hetero_guest.csv"), Breast);
        nodes.Federation.Upload(10000, DataFile("breast_hetero_host.csv"), Breast, NoLabel);
        // The second host holds only every third customer, so the intersection is a proper subset.
        var partial = Path.Combine(nodes.Federation.Folder, "breast_hetero_host_partial.csv");
        var lines = File.ReadAllLines(DataFile("breast_hetero_host.csv"));
        File.WriteAllLines(partial, [lines[0], .. lines.Skip(1).Where((_, i) => i % 3 == 0)]);
        var host2 = nodes.Federation.Upload(10001, partial, Breast, NoLabel);
        using var api = nodes.Federation.Operator(9999);

        var view = await api.WaitAsync(await api.SubmitAsync(Job(method), $"psi-{method}.yaml", CancellationToken.None), null, CancellationToken.None);

        Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
        var expected = guest.Ids.Intersect(host2.Ids).Order(StringComparer.Ordinal).ToArray();
        Assert.InRange(expected.Length, 150, 250);
        foreach (var party in new[] { 9999, 10000, 10001 })
        {
            var output = TableStore.Open(nodes.Federation.HomeOf(party)).Load(new TableName(view.Job.JobId, "psi_0_data"));
            Assert.Equal(expected, output.Ids);
        }
        var atGuest = TableStore.Open(nodes.Federation.HomeOf(9999)).Load(new TableName(view.Job.JobId, "psi_0_data"));
        var labelOf = guest.Ids.Select((id, row) => (id, row)).ToDictionary(p => p.id, p => guest.Labels![p.row]);
        Assert.Equal(expected.Select(id => labelOf[id]), atGuest.Labels!);
        var metrics = (await api.MetricsAsync(view.Job.JobId, CancellationToken.None)).Single(m => m.Task.Component == "psi_0" && m.Task.Party == 9999);
        Assert.Equal(expected.Length, metrics.Value["intersect_count"]!.GetValue<int>());
        Assert.Equal(method, metrics.Value["method"]!.GetValue<string>());
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}
