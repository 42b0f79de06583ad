using System.Text.Json.Nodes;
using Concord.Data;
using Concord.Flow.Components;
using Concord.Flow.Components.Homo;

namespace Concord.Flow.Tests;

/// <summary>
/// homo_lr with validate_data at the guest and two hosts, over loopback nodes: each client's metrics hold its own
/// validation per round, the arbiter's the row-weighted mean of them (to 1e-6, the secure sum's fixed point), and
/// early stopping on validation labels that turn against the fit ends every party's training at the same round with
/// the same best round, whose model every party outputs.
/// </summary>
public class HomoValidationJobTests
{
    private const int Guest = 9999;
    private const int Arbiter = 10002;
    private const double FixedPoint = 1e-6;

    private static readonly int[] Hosts = [10000, 10001];

    /// <summary>Validation rows per client: unequal, so that the mean is weighted.</summary>
    private static readonly Dictionary<int, int> ValidationRows = new() { [Guest] = 20, [10000] = 30, [10001] = 45 };

    private static readonly ComponentCatalog Catalog = new([new ReaderComponent(), new HomoLrComponent()]);

    private static string Job(string parameters) => $$"""
        job: { timeout: 180, seed: 3 }
        parties: { guest: {{Guest}}, hosts: [{{Hosts[0]}}, {{Hosts[1]}}], arbiter: {{Arbiter}} }
        components:
          - name: reader_0
            type: reader
            parameters: { table: { namespace: test, name: train } }
          - name: reader_1
            type: reader
            parameters: { table: { namespace: test, name: validate } }
          - name: model_0
            type: homo_lr
            inputs: { train_data: reader_0.data, validate_data: reader_1.data }
            parameters: { {{parameters}}, rounds: 6, aggregation: secure, learning_rate: 0.5, batch_size: -1 }
        """;

    [Fact]
    public async Task Every_client_records_its_validation_per_round_and_the_arbiter_their_weighted_mean()
    {
        await using var nodes = await StartAsync(flip: false);
        var metrics = await MetricsAsync(nodes, Job("metrics: [auc, loss]"));

        var aggregate = Curve(metrics[Arbiter]);
        Assert.Equal([1, 2, 3, 4, 5, 6], aggregate.Select(p => p["round"]!.GetValue<int>()));
        for (var r = 0; r < aggregate.Count; r++)
        {
            foreach (var metric in new[] { "loss", "auc" })
            {
                var mean = metrics.Where(m => m.Key != Arbiter).Sum(m => ValidationRows[m.Key] * Curve(m.Value)[r][metric]!.GetValue<double>()) / ValidationRows.Values.Sum();
                Assert.Equal(mean, aggregate[r][metric]!.GetValue<double>(), FixedPoint);
            }
        }
        Assert.All(metrics.Values, m => Assert.Null(m["best_round"]));
        Assert.True(aggregate[^1]["loss"]!.GetValue<double>() < aggregate[0]["loss"]!.GetValue<double>(), "held-out rows of the same rule should fit better with training");
    }

    [Fact]
    public async Task Early_stopping_ends_every_party_at_the_same_round_keeping_the_best_rounds_model()
    {
        await using var nodes = await StartAsync(flip: true);
        var (metrics, job) = await MetricsAndJobAsync(nodes, Job("early_stopping_rounds: 2"));

        var losses = Curve(metrics[Arbiter]).Select(p => p["loss"]!.GetValue<double>()).ToList();
        var rounds = metrics[Arbiter]["rounds"]!.GetValue<int>();
        Assert.True(rounds < 6, $"early stopping should end training before round 6; it ran {rounds}");
        Assert.Equal(rounds, losses.Count);
        var best = losses.IndexOf(losses.Min()) + 1;
        Assert.All(metrics.Values, m => Assert.Equal(best, m["best_round"]!.GetValue<int>()));
        var models = new List<double[]>();
        foreach (var party in new[] { Guest, Hosts[0], Hosts[1], Arbiter })
        {
            models.Add(HomoModelFile.FromBytes(await PredictJobTests.ShareAsync(nodes, party, job), $"party {party}'s model").Parameters);
        }
        Assert.All(models, m => Assert.Equal(models[0], m));
    }

    private static List<JsonObject> Curve(JsonObject metrics) => [.. metrics["validation"]!.AsArray().Select(p => p!.AsObject())];

    private static async Task<Dictionary<int, JsonObject>> MetricsAsync(LoopbackNodes nodes, string job) => (await MetricsAndJobAsync(nodes, job)).Metrics;

    private static async Task<(Dictionary<int, JsonObject> Metrics, string Job)> MetricsAndJobAsync(LoopbackNodes nodes, string job)
    {
        using var api = nodes.Operator(Guest);
        var id = await PredictJobTests.RunAsync(api, job);
        // Each party keeps its own metrics: ask each.
        var metrics = new Dictionary<int, JsonObject>();
        foreach (var party in new[] { Guest, Hosts[0], Hosts[1], Arbiter })
        {
            using var own = nodes.Operator(party);
            metrics[party] = (await own.MetricsAsync(id, CancellationToken.None)).Single(m => m.Task.Component == "model_0" && m.Task.Party == party).Value.AsObject();
        }
        return (metrics, id);
    }

    /// <summary>
    /// 50 training rows at each client, y = [x0 + x1 > 0], and validation rows by the same rule, or (flip) the opposite
    /// one, so that fitting the training rows hurts there.
    /// </summary>
    private static async Task<LoopbackNodes> StartAsync(bool flip)
    {
        var nodes = await LoopbackNodes.StartAsync(Catalog, Guest, Hosts, Arbiter);
        var random = new Random(7);
        PartyTable Rows(string prefix, int count, bool flipped)
        {
            var ids = Enumerable.Range(0, count).Select(i => $"{prefix}{i:D3}").ToArray();
            double[][] columns = [[.. ids.Select(_ => random.NextDouble() - 0.5)], [.. ids.Select(_ => random.NextDouble() - 0.5)]];
            var labels = ids.Select((_, i) => (columns[0][i] + columns[1][i] > 0) != flipped ? 1.0 : 0.0).ToArray();
            return PartyTable.Create("id", ids, ["x0", "x1"], columns, "y", labels);
        }
        foreach (var (party, rows) in ValidationRows)
        {
            var store = TableStore.Open(nodes.Config.Party(party).Home!);
            store.Save(new TableName("test", "train"), Rows($"t{party}-", 50, flipped: false));
            store.Save(new TableName("test", "validate"), Rows($"v{party}-", rows, flip));
        }
        return nodes;
    }
}
