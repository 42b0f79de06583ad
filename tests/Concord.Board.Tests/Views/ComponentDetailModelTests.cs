using System.Text.Json.Nodes;
using Bunit;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Federation.Transport.InMemory;
using Concord.ML;
using Concord.ML.Linear;
using Concord.ML.SecureBoost;

namespace Concord.Board.Tests.Views;

public class ComponentDetailModelTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>A real two-party SecureBoost run over the in-memory transport: the label needs both the guest's and the host's feature.</summary>
    private static async Task<(SecureBoostGuestResult Guest, SecureBoostHostResult Host)> TrainAsync()
    {
        var random = new Random(17);
        const int Rows = 120;
        var ids = Enumerable.Range(0, Rows).Select(i => $"id{i}").ToList();
        double[] age = [.. ids.Select(_ => random.NextDouble())], income = [.. ids.Select(_ => random.NextDouble())], balance = [.. ids.Select(_ => random.NextDouble())];
        double[] labels = [.. Enumerable.Range(0, Rows).Select(i => age[i] + balance[i] > 1 ? 1.0 : 0.0)];
        var options = new SecureBoostOptions { NumTrees = 2, MaxDepth = 2, KeyBits = 1024, Seed = 5 };
        var network = new InMemoryNetwork(new FederationOptions { ReceiveTimeout = Timeout });
        var roster = new Roster(BoardStore.Guest, [BoardStore.Host]);
        // Every party joins before any sends.
        var transports = roster.All().ToDictionary(p => p.Id, p => network.Join(p.Id));
        FederationContext Context(PartyRef p) => new FederationContext(BoardStore.JobId, p, roster, transports[p.Id]).Sub("hetero_secureboost");
        var guest = Task.Run(() => new SecureBoostGuest(Context(roster.Guest), options)
            .FitAsync(new GuestBoostData(ids, new NumericColumns(["age", "income"], [age, income]), labels, "y")));
        var host = Task.Run(() => new SecureBoostHost(Context(roster.Hosts[0]), options)
            .FitAsync(new HostBoostData(ids, new NumericColumns(["h_secret_balance"], [balance]))));
        await Task.WhenAll(guest, host);
        return (await guest, await host);
    }

    private static JsonObject Importance(IEnumerable<FeatureImportance> importance) => new()
    {
        ["feature_importance"] = new JsonArray([.. importance.Select(i => (JsonNode)new JsonObject { ["feature"] = i.Feature, ["splits"] = i.Splits, ["gain"] = i.Gain })]),
    };

    [Fact]
    public async Task The_guest_sees_its_trees_with_own_features_named_and_the_hosts_anonymous_and_the_host_its_lookup_table()
    {
        var (guest, host) = await TrainAsync();
        await using var board = await BoardStore.OpenAsync();
        await board.PutAsync("secureboost_0", BoardStore.Guest, "guest", "hetero_secureboost", Importance(guest.Importance), guest.Model.ToBytes());
        await board.PutAsync("secureboost_0", BoardStore.Host, "host", "hetero_secureboost", Importance(host.Importance), host.Table.ToBytes());
        using var guestBoard = board.Context(BoardStore.Guest);
        using var hostBoard = board.Context(BoardStore.Host);

        var trees = Enumerable.Range(0, 2).Select(k => BoardStore.Detail(guestBoard, "secureboost_0", tree: k)).ToList();
        var lookup = BoardStore.Detail(hostBoard, "secureboost_0");

        foreach (var (page, k) in trees.Select((p, k) => (p, k)))
        {
            page.WaitForElement("svg.chart-tree", Timeout);
            Assert.Equal($"{k + 1}", page.Find("nav.choices strong[aria-current]").TextContent);
            Assert.Equal(guest.Model.Trees[k].Nodes.Count, page.FindAll("g[data-node]").Count);
        }
        var markup = string.Concat(trees.Select(t => t.Markup));
        var own = trees.SelectMany(t => t.FindAll("g.node-ownsplit")).Select(n => n.TextContent).ToList();
        var other = trees.SelectMany(t => t.FindAll("g.node-othersplit")).Select(n => n.TextContent).ToList();
        Assert.NotEmpty(own);
        Assert.NotEmpty(other);
        Assert.All(own, text => Assert.Matches("^(age|income) ≤ ", text));
        Assert.All(other, text => Assert.Contains("party 10000: hidden feature", text, StringComparison.Ordinal));
        Assert.DoesNotContain("h_secret_balance", markup, StringComparison.Ordinal);
        Assert.Equal(["1", "2"], trees[0].FindAll("nav.choices a, nav.choices strong").Select(a => a.TextContent));
        Assert.Equal("?tree=1", trees[0].Find("nav.choices a").GetAttribute("href"));
        Assert.Contains(trees[0].FindAll("rect[data-label]"), r => r.GetAttribute("data-label") == "age");

        lookup.WaitForElement("table.metric-table", Timeout);
        Assert.Contains("h_secret_balance", lookup.Markup, StringComparison.Ordinal);
        Assert.Empty(lookup.FindAll("svg.chart-tree"));
        var hostIds = host.Table.Splits.Select(s => s.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.All(hostIds, id => Assert.Contains($"split #{id}", markup, StringComparison.Ordinal));
        Assert.All(hostIds, id => Assert.Contains(lookup.FindAll("td"), td => td.TextContent == id));
    }

    [Fact]
    public async Task A_linear_model_page_draws_this_partys_own_weights_and_intercept()
    {
        var model = new PartyLinearModel(LinearTask.Logistic, ["x0", "<b>x1</b>"], [0, 0], [1, 1], [[0.75, -1.5, 0.25]], HasIntercept: true, Classes: [0, 1]);
        await using var board = await BoardStore.OpenAsync();
        await board.PutAsync("hetero_lr_0", BoardStore.Guest, "guest", "hetero_lr", new JsonObject { ["loss"] = new JsonArray(0.69, 0.5, 0.42), ["epochs"] = new JsonArray(3) }, model.ToBytes());
        using var context = board.Context(BoardStore.Guest);

        var page = BoardStore.Detail(context, "hetero_lr_0");

        page.WaitForElement("rect[data-label]", Timeout);
        Assert.Equal(["x0", "<b>x1</b>", "intercept"], page.FindAll("rect[data-label]").Select(r => r.GetAttribute("data-label")));
        Assert.Equal([0.75, -1.5, 0.25], page.FindAll("rect[data-label]").Select(r => double.Parse(r.GetAttribute("data-value")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Empty(page.FindAll("b"));
        Assert.Equal("1,0.69 2,0.5 3,0.42", page.Find("path[data-series='train loss']").GetAttribute("data-points"));
    }
}
