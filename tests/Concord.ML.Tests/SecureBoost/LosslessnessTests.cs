using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;
using Concord.ML.Tests.HeteroLinear;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// Losslessness: the federated trees against the LocalBaseline's on the joined data, with the same bins and parameters.
/// Splits must be the same; leaf weights come from the guest's plaintext totals, so they agree to 1e-12. The hosts'
/// gradient sums are fixed-point (2^−40 of the round's largest |g|), which could only matter for two candidates whose
/// gains tie to about 1e-10.
/// </summary>
public class LosslessnessTests
{
    internal const double WeightTolerance = 1e-12;
    internal static readonly BoostSide BreastGuest = BoostSide.Read("breast_hetero_guest.csv", "y");
    internal static readonly BoostSide BreastHost = BoostSide.Read("breast_hetero_host.csv");

    internal static SecureBoostOptions Options(int trees = 3, int depth = 3) =>
        new() { NumTrees = trees, MaxDepth = depth, LearningRate = 0.3, MaxBin = 32, KeyBits = 1024, Seed = 7 };

    [Fact]
    public async Task Breast_binary_trees_equal_the_local_baseline_split_for_split()
    {
        var options = Options();
        var run = await SecureBoostFederation.RunAsync(options, BreastGuest.Guest(), [BreastHost.Host()]);
        var local = LocalSecureBoostTrainer.Fit([BreastGuest.Local(9999), BreastHost.Local(10000)], BreastGuest.Labels!, options);

        TreeAssert.Same(local.Trees, await run.ResolvedTreesAsync(), WeightTolerance);
        var guest = await run.Guest;
        Assert.Contains(guest.Model.Trees.SelectMany(t => t.Nodes), n => n.Split?.Party == 1);
        Assert.Contains(guest.Model.Trees.SelectMany(t => t.Nodes), n => n.Split?.Party == 0);
        Assert.Equal(local.Predictions[0], guest.Predictions[0], (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.InRange(Metrics.Auc(guest.Predictions[0], BreastGuest.Labels!), 0.98, 1);
    }

    [Fact]
    public async Task Vehicle_softmax_grows_one_tree_per_class_per_round_equal_to_the_local_baseline()
    {
        var guest = BoostSide.Read("vehicle_scale_hetero_guest.csv", "y");
        var host = BoostSide.Read("vehicle_scale_hetero_host.csv");
        var options = Options(trees: 1) with { Objective = BoostObjective.Softmax, NumClasses = 4 };
        var run = await SecureBoostFederation.RunAsync(options, guest.Guest(), [host.Host()]);
        var local = LocalSecureBoostTrainer.Fit([guest.Local(9999), host.Local(10000)], guest.Labels!, options);

        var trees = await run.ResolvedTreesAsync();
        Assert.Equal([0, 1, 2, 3], trees.Select(t => t.Output));
        TreeAssert.Same(local.Trees, trees, WeightTolerance);
        var predicted = (await run.Guest).Predictions;
        Assert.Equal(4, predicted.Length);
        var accuracy = guest.Labels!.Select((y, i) => Enumerable.Range(0, 4).MaxBy(k => predicted[k][i]) == y ? 1.0 : 0).Average();
        Assert.InRange(accuracy, 0.5, 1);
    }

    [Theory]
    [InlineData(BoostObjective.L2)]
    [InlineData(BoostObjective.L1)]
    [InlineData(BoostObjective.Huber)]
    public async Task Motor_regression_trees_equal_the_local_baseline(BoostObjective objective)
    {
        var guest = BoostSide.Read("motor_hetero_guest.csv", "motor_speed");
        var host = BoostSide.Read("motor_hetero_host.csv");
        var options = Options(trees: 2) with { Objective = objective, HuberDelta = 0.5 };
        var run = await SecureBoostFederation.RunAsync(options, guest.Guest(), [host.Host()]);
        var local = LocalSecureBoostTrainer.Fit([guest.Local(9999), host.Local(10000)], guest.Labels!, options);

        TreeAssert.Same(local.Trees, await run.ResolvedTreesAsync(), WeightTolerance);
        var result = await run.Guest;
        Assert.True(result.TrainLoss[^1] < result.TrainLoss[0], $"the {result.LossName} should fall: {string.Join(", ", result.TrainLoss)}");
    }

    [Fact]
    public async Task Two_hosts_with_missing_values_row_and_feature_sampling_equal_the_local_baseline()
    {
        // Every seventh value of some features goes missing, so splits must learn where missing values go.
        var guest = WithMissing(BreastGuest, [0, 3], 7);
        var hostA = WithMissing(BreastHost.Columns(0, 10), [1, 2], 5);
        var hostB = BreastHost.Columns(10, 20);
        var options = Options(trees: 3) with { Subsample = 0.8, Colsample = 0.7, MinChildWeight = 0.5 };
        var run = await SecureBoostFederation.RunAsync(options, guest.Guest(), [hostA.Host(), hostB.Host()]);
        var local = LocalSecureBoostTrainer.Fit([guest.Local(9999), hostA.Local(10000), hostB.Local(10001)], guest.Labels!, options);

        var trees = await run.ResolvedTreesAsync();
        TreeAssert.Same(local.Trees, trees, WeightTolerance);
        var splits = trees.SelectMany(t => t.Nodes).Where(n => n.Split is not null).Select(n => n.Split!).ToList();
        Assert.Equal([0, 1, 2], splits.Select(s => s.Party).Distinct().Order());
        Assert.Equal(local.Predictions[0], (await run.Guest).Predictions[0], (a, b) => Math.Abs(a - b) < 1e-12);
    }

    internal static BoostSide WithMissing(BoostSide side, int[] columns, int every)
    {
        var values = Enumerable.Range(0, side.Features.ColumnCount).Select(j => side.Features[j].ToArray()).ToArray();
        foreach (var j in columns)
        {
            for (var i = j; i < values[j].Length; i += every)
            {
                values[j][i] = double.NaN;
            }
        }
        return side with { Features = new NumericColumns(side.Features.Names, values) };
    }
}
