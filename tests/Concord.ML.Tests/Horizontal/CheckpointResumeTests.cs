using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Strategies;

namespace Concord.ML.Tests.Horizontal;

public class CheckpointResumeTests
{
    /// <summary>FedAdam's moments are state beyond the global model: at the arbiter, and at the clients under Paillier.</summary>
    [Theory]
    [InlineData(AggregationKind.SecureAggregation, StrategyKind.FedAvg)]
    [InlineData(AggregationKind.Paillier, StrategyKind.FedAvg)]
    [InlineData(AggregationKind.SecureAggregation, StrategyKind.FedAdam)]
    [InlineData(AggregationKind.Paillier, StrategyKind.FedAdam)]
    public async Task A_run_resumed_after_round_4_ends_with_the_model_of_an_uninterrupted_run(AggregationKind aggregation, StrategyKind strategy)
    {
        var data = new[] { HomoCsv.Read("breast_homo_guest.csv"), HomoCsv.Read("breast_homo_host.csv") };
        var settings = new HomoSettings { Rounds = 6, Aggregation = aggregation, KeyBits = 1024, Seed = 4, Strategy = new() { Name = strategy, Eta = 0.05 } };
        var factory = new HomoLrFactory(new HomoLrOptions { LearningRate = 0.05, BatchSize = 32 });
        // The parties start concurrently, so their stores are made under a lock.
        var stores = new Dictionary<int, Dictionary<long, byte[]>>();
        Dictionary<long, byte[]> StoreOf(int id)
        {
            lock (stores)
            {
                return stores.TryGetValue(id, out var s) ? s : stores[id] = [];
            }
        }
        var full = await HomoFederation.RunAsync(settings, data, factory, id => new MemoryCheckpoints(2, null, StoreOf(id)));
        Assert.All(stores.Values, s => Assert.Equal([2L, 4, 6], s.Keys.Order()));

        var resumed = await HomoFederation.RunAsync(settings, data, factory, id => new MemoryCheckpoints(2, 4, new Dictionary<long, byte[]>(stores[id])));

        var expected = (await full.Clients[0]).Model.GetParameters();
        foreach (var client in resumed.Clients)
        {
            Assert.Equal(expected, (await client).Model.GetParameters());
            Assert.Equal([4, 5], (await client).Rounds.Select(r => r.Round));
        }
        Assert.Equal(6, (await resumed.Arbiter).Rounds.Count);
        // The resumed run's messages start at round 4.
        Assert.DoesNotContain(resumed.Transcripts[HomoFederation.ArbiterId].Entries, e => e.Key.Scope.Contains("/round-3/", StringComparison.Ordinal));
    }
}
