using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Federation;
using Concord.Flow.Components;
using Concord.Flow.Governance;
using Concord.Flow.Serving;

namespace Concord.Flow.Tests.Serving;

/// <summary>
/// Online serving on real nodes: the guest trains (as <see cref="PredictJobTests"/> does), deploys the model with the
/// host's table of new customers, and scores them through POST /api/v1/serving/{name}/predict. The scores must equal
/// the exported shares applied by hand (within 1e-9), and the host must be delivered nothing but its load and ids.
/// </summary>
public class ServingTests
{
    private const int Guest = 9999;
    private const int Host = 10000;
    private const int Arbiter = 10002;
    private const double Tolerance = 1e-9;
    private const string Name = "credit";
    private const int Deadline = 3000;

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), .. HeteroLinearComponent.All, new SecureBoostComponent()]);
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("hetero_lr")]
    [InlineData("hetero_secureboost")]
    public async Task Served_scores_equal_the_shares_applied_by_hand_and_the_host_is_delivered_only_ids(string type)
    {
        var delivered = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter,
            s => s.PartyId == Host ? s with { ServingDeliveries = (path, body) => delivered.Enqueue((path, body)) } : s);
        var (guestNew, hostNew) = PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, PredictJobTests.Train(type));

        var view = await api.DeployServingAsync(Deploy(trained), None);

        Assert.Equal((1, hostNew.RowCount), (view.Version, view.Hosts[Host].Rows));
        Assert.Equal(["g0", "g1"], view.Features);
        Assert.Equal(["predict_score"], view.Outputs);
        var rows = Enumerable.Range(0, guestNew.RowCount).ToArray();
        var one = await Task.WhenAll(rows.Select(r => api.PredictAsync(Name, Row(guestNew, r), None)));
        var all = await api.PredictAsync(Name, new JsonObject { ["rows"] = new JsonArray([.. rows.Select(r => (JsonNode)Row(guestNew, r))]) }, None);
        // Each row was answered twice, once alone and once in the batch; the board's serving page shows these counts.
        var served = nodes.Node(Guest).Serving.Stats()[Name];
        Assert.Equal((2L * rows.Length, 0L), (served.Rows, served.Errors));
        Assert.InRange(served.P50Ms!.Value, 0, served.P99Ms!.Value);
        var guestShare = await PredictJobTests.ShareAsync(nodes, Guest, trained);
        var hostShare = await PredictJobTests.ShareAsync(nodes, Host, trained);
        foreach (var r in rows)
        {
            var hostRow = Array.IndexOf(hostNew.Ids.ToArray(), guestNew.Ids[r]);
            Assert.Equal(guestNew.Ids[r], one[r].Rows.Single().Id);
            Assert.Equal(PredictJobTests.ExpectedScore(type, guestShare, hostShare, guestNew, r, hostNew, hostRow), one[r].Rows[0].Scores["predict_score"], Tolerance);
            Assert.Equal(guestNew.Ids[r], all.Rows[r].Id);
            Assert.Equal(one[r].Rows[0].Scores["predict_score"], all.Rows[r].Scores["predict_score"], Tolerance);
        }

        // Everything the host's node was delivered: the load, then asks that carry a version and ids, nothing of the guest's.
        var secrets = rows.SelectMany(r => new[] { guestNew[r, 0], guestNew[r, 1] }).Select(v => v.ToString("R", CultureInfo.InvariantCulture))
            .Concat(["g0", "g1", "\"y\"", "predict"]).ToArray();
        Assert.Contains(delivered, d => d.Path.EndsWith("/ask", StringComparison.Ordinal));
        foreach (var (path, body) in delivered)
        {
            var json = JsonNode.Parse(body)!.AsObject();
            string[] expected = path.EndsWith("/ask", StringComparison.Ordinal) ? ["version", "ids"] : ["name", "version", "modelId", "table", "jobId"];
            Assert.Equal(expected.Order(), json.Select(p => p.Key).Order());
            if (json["ids"] is JsonArray ids)
            {
                Assert.Subset(guestNew.Ids.ToHashSet(), ids.Select(id => id!.GetValue<string>()).ToHashSet());
            }
            var text = Encoding.UTF8.GetString(body);
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bad_requests_get_a_4xx_naming_the_field_id_or_limit_and_the_node_keeps_serving()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, _) = PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, PredictJobTests.Train("hetero_lr"));
        await api.DeployServingAsync(Deploy(trained), None);
        async Task<string> Refused(JsonObject body, string name = Name) =>
            (await Assert.ThrowsAsync<FederationException>(() => api.PredictAsync(name, body, None))).Message;
        JsonObject With(Action<JsonObject> change)
        {
            var row = Row(guestNew, 0);
            change(row["features"]!.AsObject());
            return row;
        }

        Assert.Contains("(404): party 10000 has no row for id \"nobody\" in its table test/new", await Refused(new JsonObject { ["id"] = "nobody", ["features"] = Row(guestNew, 0)["features"]!.DeepClone() }));
        Assert.Contains("(400): the request (id n000): feature \"g1\" is missing", await Refused(With(f => f.Remove("g1"))));
        Assert.Contains("(400): the request (id n000): feature \"g0\" is a string, not a number", await Refused(With(f => f["g0"] = "12.5")));
        Assert.Contains("(400): the request (id n000): feature \"h0\" is not one the model was trained on (g0, g1)", await Refused(With(f => f["h0"] = 1.0)));
        Assert.Contains("(400): the request (id n000): feature \"g0\" is null", await Refused(With(f => f["g0"] = null)));
        Assert.Contains("(413): the request carries 1001 rows; give 1 to 1000", await Refused(new JsonObject { ["rows"] = new JsonArray([.. Enumerable.Range(0, 1001).Select(_ => (JsonNode)Row(guestNew, 0))]) }));
        Assert.Contains("(400): row 1: \"id\" must be a string", await Refused(new JsonObject { ["rows"] = new JsonArray(Row(guestNew, 0), new JsonObject { ["id"] = 7 }) }));
        Assert.Contains("(404): party 9999 serves no deployment \"nope\"", await Refused(Row(guestNew, 0), "nope"));
        var missing = await Assert.ThrowsAsync<FederationException>(() => api.DeployServingAsync(Deploy(trained) with { HostTables = new() { [Host] = new TableRef("test", "absent") } }, None));
        Assert.Contains("party 10000", missing.Message);
        Assert.Contains("test/absent", missing.Message);
        var noTable = await Assert.ThrowsAsync<FederationException>(() => api.DeployServingAsync(Deploy(trained) with { HostTables = [] }, None));
        Assert.Contains("(400): hostTables names no table for party 10000", noTable.Message);

        // An application's token may score and do nothing else.
        using var admin = nodes.WithToken(Guest);
        var issued = await admin.IssueTokenAsync("scoring-app", OperatorRole.Application, None);
        using var app = nodes.WithToken(Guest, issued.Secret);
        Assert.Single((await app.PredictAsync(Name, Row(guestNew, 1), None)).Rows);
        var deploy = await Assert.ThrowsAsync<FederationException>(() => app.DeployServingAsync(Deploy(trained), None));
        Assert.Contains("(403)", deploy.Message);
    }

    [Fact]
    public async Task A_redeploy_drops_no_request_and_deployments_outlive_restarts_but_not_a_missing_host()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter);
        var (guestNew, _) = PredictJobTests.SaveTables(nodes);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, PredictJobTests.Train("hetero_lr"));
        await api.DeployServingAsync(Deploy(trained) with { DeadlineMs = Deadline }, None);
        var before = (await api.PredictAsync(Name, Row(guestNew, 3), None)).Rows[0].Scores["predict_score"];

        using var stop = new CancellationTokenSource();
        var versions = new ConcurrentBag<int>();
        var clients = Enumerable.Range(0, 8).Select(c => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested || i < 5; i++)
            {
                versions.Add((await api.PredictAsync(Name, Row(guestNew, (c + i) % guestNew.RowCount), None)).Version);
            }
        })).ToArray();
        await Task.Delay(300);
        Assert.Equal(2, (await api.DeployServingAsync(Deploy(trained) with { DeadlineMs = Deadline }, None)).Version);
        await Task.Delay(300);
        await stop.CancelAsync();
        await Task.WhenAll(clients);
        Assert.Contains(1, versions);
        Assert.Contains(2, versions);

        await nodes.RestartAsync(Host);
        await nodes.RestartAsync(Guest);
        var after = await api.PredictAsync(Name, Row(guestNew, 3), None);
        Assert.Equal((2, before), (after.Version, after.Rows[0].Scores["predict_score"]));
        Assert.Equal([Name], (await api.ListServingAsync(None)).Select(d => d.Name));

        await nodes.StopNodeAsync(Host);
        var down = await Assert.ThrowsAsync<FederationException>(() => api.PredictAsync(Name, Row(guestNew, 3), None));
        Assert.Contains("(503): party 10000 could not answer for deployment credit", down.Message);

        // A host that takes the connection and never answers runs out the deadline.
        var address = nodes.Config.Party(Host).Address;
        var stalled = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, address.Port);
        stalled.Start();
        try
        {
            var accepted = stalled.AcceptTcpClientAsync();
            var late = await Assert.ThrowsAsync<FederationException>(() => api.PredictAsync(Name, Row(guestNew, 3), None));
            Assert.Contains($"(503): party 10000 did not answer within {Deadline} ms (deployment credit)", late.Message);
            if (accepted.IsCompletedSuccessfully)
            {
                (await accepted).Dispose();
            }
        }
        finally
        {
            stalled.Stop();
        }
    }

    [Fact]
    public async Task A_host_serves_only_from_a_table_its_admin_granted_for_serving()
    {
        await using var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, [Host], Arbiter, requireGrants: true);
        var (guestNew, _) = PredictJobTests.SaveTables(nodes);
        using var hostAdmin = nodes.WithToken(Host);
        await hostAdmin.AddGrantAsync(new NewGrant("test", "train", [Guest], ["hetero_lr"]), None);
        using var api = nodes.Operator(Guest);
        var trained = await PredictJobTests.RunAsync(api, PredictJobTests.Train("hetero_lr"));

        var refused = await Assert.ThrowsAsync<FederationException>(() => api.DeployServingAsync(Deploy(trained), None));
        await hostAdmin.AddGrantAsync(new NewGrant("test", "new", [Guest], [HostServing.GrantType]), None);
        await api.DeployServingAsync(Deploy(trained), None);

        Assert.Contains("(403): party 10000 refuses to serve credit for party 9999: no grant lets party 9999 use test/new for serving", refused.Message);
        Assert.Single((await api.PredictAsync(Name, Row(guestNew, 0), None)).Rows);
    }

    private static ServingDeploy Deploy(string trainingJob) =>
        new(Name, $"{trainingJob}_model_0", null, new() { [Host] = new TableRef("test", "new") });

    /// <summary>The one-row request for the guest's row <paramref name="r"/>: its id and its own features.</summary>
    private static JsonObject Row(PartyTable guest, int r) => new()
    {
        ["id"] = guest.Ids[r],
        ["features"] = new JsonObject { ["g0"] = guest[r, 0], ["g1"] = guest[r, 1] },
    };
}
