using Concord.ML.Linear;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

public class CheckpointResumeTests
{
    [Fact]
    public async Task A_run_resumed_from_a_mid_training_checkpoint_ends_with_the_weights_of_an_uninterrupted_run()
    {
        // Three classes, so the checkpoint after epoch 3 falls inside the second one-vs-rest model.
        var first = BreastGuest.Features.Columns[1];
        var labels = BreastGuest.Labels!.Select((y, i) => y + (first[i] > 0 ? 1.0 : 0.0)).ToArray();
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 2, Optimizer = OptimizerKind.Adam, EarlyStop = EarlyStopKind.WeightDiff, Tol = 0 };
        var stores = new Dictionary<int, Dictionary<long, byte[]>>();
        var full = await HeteroLinearFederation.RunAsync(new(options, 1024), Guest(BreastGuest, labels), [Host(BreastHost)],
            id => new MemoryCheckpoints(1, null, stores.TryGetValue(id, out var s) ? s : stores[id] = []));
        Assert.All(stores.Values, s => Assert.Equal([1L, 2, 3, 4, 5, 6], s.Keys.Order()));

        var resumed = await HeteroLinearFederation.RunAsync(new(options, 1024), Guest(BreastGuest, labels), [Host(BreastHost)],
            id => new MemoryCheckpoints(1, 3, new Dictionary<long, byte[]>(stores[id])));

        var expected = await full.JoinedWeightsAsync();
        var actual = await resumed.JoinedWeightsAsync();
        Assert.Equal(expected.Length, actual.Length);
        for (var k = 0; k < expected.Length; k++)
        {
            Assert.Equal(expected[k], actual[k]);
        }
        Assert.Equal(3, (await resumed.Guest).Epochs.Count);
    }
}
