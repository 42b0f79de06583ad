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
}
