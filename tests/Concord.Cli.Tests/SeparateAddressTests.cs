using System.Net;
using Concord.Data;
using Concord.Flow.Control;
using Concord.Local;

namespace Concord.Cli.Tests;

/// <summary>
/// Two node processes on different addresses (127.0.0.2 and 127.0.0.3: Linux routes all of 127/8 to the loopback
/// device), each certificate naming its own, as two organisations' machines would be.
/// </summary>
[Collection(NodeProcesses.Name)]
public class SeparateAddressTests
{
    private static readonly TableName Breast = new("experiment", "breast_hetero");

    [Fact]
    public async Task Nodes_on_127_0_0_2_and_127_0_0_3_with_certificates_naming_them_run_a_psi_job()
    {
        var folder = Directory.CreateTempSubdirectory("concord-addresses-").FullName;
        var addresses = new Dictionary<int, IPAddress> { [9999] = IPAddress.Parse("127.0.0.2"), [10000] = IPAddress.Parse("127.0.0.3") };
        var federation = LocalFederation.Create(folder, 9999, [10000], loopbackAddresses: addresses);
        try
        {
            Assert.Equal("127.0.0.2", federation.Config.Party(9999).Address.Host);
            Assert.Equal("127.0.0.3", federation.Config.Party(10000).Address.Host);
            var guest = federation.Upload(9999, DataFile("breast_hetero_guest.csv"), Breast);
            var host = federation.Upload(10000, DataFile("breast_hetero_host.csv"), Breast, new CsvReadOptions { LabelColumn = null });
            await federation.StartAllAsync(null, CancellationToken.None);
            using var api = federation.Operator(9999);

            var view = await api.WaitAsync(await api.SubmitAsync("""
                job: { name: psi-addresses, timeout: 300, seed: 3 }
                parties: { guest: 9999, hosts: [10000] }
                components:
                  - name: reader_0
                    type: reader
                    parameters: { table: { namespace: experiment, name: breast_hetero } }
                  - name: psi_0
                    type: psi
                    inputs: { data: reader_0.data }
                    parameters: { method: ecdh, salt: addresses }
                """, "psi.yaml", CancellationToken.None), null, CancellationToken.None);

            Assert.True(view.Job.State == TaskState.Success, view.Job.Error);
            var expected = guest.Ids.Intersect(host.Ids).Order(StringComparer.Ordinal).ToArray();
            Assert.NotEmpty(expected);
            foreach (var party in new[] { 9999, 10000 })
            {
                Assert.Equal(expected, TableStore.Open(federation.HomeOf(party)).Load(new TableName(view.Job.JobId, "psi_0_data")).Ids);
            }
        }
        finally
        {
            await federation.StopAllAsync(null);
            await federation.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", name);
}
