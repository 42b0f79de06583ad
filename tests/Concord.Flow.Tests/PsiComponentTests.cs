using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Transport.InMemory;
using Concord.Flow.Components;
using Concord.ML.Checkpoints;

namespace Concord.Flow.Tests;

/// <summary>The psi component at a guest and a host over the in-memory transport, as a job's parameters choose the method.</summary>
public class PsiComponentTests
{
    [Theory]
    [InlineData("ecdh")]
    [InlineData("rsa")]
    public async Task Each_method_leaves_both_parties_the_shared_rows_in_id_order_and_reports_its_phases(string method)
    {
        var guest = Table(["u7", "u1", "u4", "u9", "u2"], [7, 1, 4, 9, 2]);
        var host = Table(["u2", "u3", "u9", "u1"], [20, 30, 90, 10]);
        var parameters = new JsonObject { ["method"] = method, ["salt"] = "s", ["output"] = "all", ["key_bits"] = 1024L };

        var outputs = await RunAsync(parameters, guest, host);

        Assert.All(outputs, o => Assert.Equal(["u1", "u2", "u9"], o.Data!.Ids));
        Assert.Equal([1.0, 2, 9], outputs[0].Data!.Column(0).ToArray());
        Assert.Equal([10.0, 20, 90], outputs[1].Data!.Column(0).ToArray());
        var metrics = outputs[0].Metrics!;
        Assert.Equal(method, metrics["method"]!.GetValue<string>());
        Assert.Equal(3, metrics["intersect_count"]!.GetValue<int>());
        Assert.True(metrics["seconds"]!["exponentiation"]!.GetValue<double>() > 0);
        // Only an RSA host makes a key.
        Assert.Equal(method == "rsa", outputs[1].Metrics!["seconds"]!["key_generation"]!.GetValue<double>() > 0);
    }

    private static async Task<ComponentOutput[]> RunAsync(JsonObject parameters, PartyTable guest, PartyTable host)
    {
        var roster = new Roster(9999, [10000]);
        var network = new InMemoryNetwork();
        var runs = new[] { (roster.Guest, guest), (roster.Hosts[0], host) }.Select(p =>
        {
            var context = new FederationContext("job-psi", p.Item1, roster, network.Join(p.Item1.Id)).Sub("psi_0");
            var inputs = new Dictionary<string, PartyTable> { ["data"] = p.Item2 };
            return new ComponentRun(context, parameters.DeepClone().AsObject(), Path.GetTempPath(), inputs, new NoCheckpoints(), _ => { });
        }).ToList();
        return await Task.WhenAll(runs.Select(run => Task.Run(() => new PsiComponent().RunAsync(run, CancellationToken.None))));
    }

    private static PartyTable Table(string[] ids, double[] x) => PartyTable.Create("id", ids, ["x0"], [x]);
}
