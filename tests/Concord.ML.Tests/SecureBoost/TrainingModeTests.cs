using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>Privacy modes, early stopping and warm start, each against the LocalBaseline with the same options.</summary>
public class TrainingModeTests
{
    private static readonly LocalBoostParty[] BreastParties = [BreastGuest.Local(9999), BreastHost.Local(10000)];

    [Fact]
    public async Task Complete_secure_grows_the_first_trees_from_guest_features_and_sends_hosts_no_gradients_for_them()
    {
        var options = Options(trees: 3) with { Privacy = PrivacyMode.CompleteSecure };
        var run = await SecureBoostFederation.RunAsync(options, BreastGuest.Guest(), [BreastHost.Host()]);
        var trees = await run.ResolvedTreesAsync();

        TreeAssert.Same(LocalSecureBoostTrainer.Fit(BreastParties, BreastGuest.Labels!, options).Trees, trees, WeightTolerance);
        Assert.All(trees[0].Nodes.Where(n => n.Split is not null), n => Assert.Equal(0, n.Split!.Party));
        Assert.Contains(trees.Skip(1).SelectMany(t => t.Nodes), n => n.Split?.Party == 1);
        var gradients = run.Transcripts[SecureBoostFederation.FirstHostId].Entries.Count(e => e.Key.Tag == "encrypted_gradients");
        Assert.Equal(2, gradients);
    }

    [Fact]
    public async Task Layered_mode_splits_the_top_layer_with_guest_features_and_the_rest_with_host_features()
    {
        var options = Options(trees: 2) with { Privacy = PrivacyMode.Layered, GuestDepth = 1, HostDepth = 2 };
        var run = await SecureBoostFederation.RunAsync(options, BreastGuest.Guest(), [BreastHost.Host()]);
        var trees = await run.ResolvedTreesAsync();

        TreeAssert.Same(LocalSecureBoostTrainer.Fit(BreastParties, BreastGuest.Labels!, options).Trees, trees, WeightTolerance);
        foreach (var tree in trees)
        {
            Assert.Equal(0, tree.Nodes[0].Split!.Party);
            Assert.All(tree.Nodes.Skip(1).Where(n => n.Split is not null), n => Assert.Equal(1, n.Split!.Party));
        }
    }

    [Fact]
    public async Task Early_stopping_keeps_the_best_round_when_the_validation_loss_stops_improving()
    {
        // Validation labels opposite to the truth: the first round is the best, and two more without improvement stop it.
        var train = BreastGuest.Rows(0, 400);
        var validate = BreastGuest.Rows(400, 569) with { Labels = [.. BreastGuest.Labels![400..].Select(y => 1 - y)] };
        var (hostTrain, hostValidate) = (BreastHost.Rows(0, 400), BreastHost.Rows(400, 569));
        var options = Options(trees: 10) with { Validation = new() { EarlyStoppingRounds = 2 } };
        var run = await SecureBoostFederation.RunAsync(options, train.Guest(validate), [hostTrain.Host(hostValidate)]);
        var local = LocalSecureBoostTrainer.Fit([train.Local(9999, validate), hostTrain.Local(10000, hostValidate)], train.Labels!, options, validate.Labels);

        var guest = await run.Guest;
        Assert.Equal(3, guest.Rounds);
        Assert.Equal(3, guest.ValidateLoss.Count);
        Assert.True(guest.ValidateLoss[0] < guest.ValidateLoss[1] && guest.ValidateLoss[1] < guest.ValidateLoss[2]);
        Assert.Single(guest.Model.Trees);
        Assert.Equal(local.ValidateLoss, guest.ValidateLoss);
        TreeAssert.Same(local.Trees, await run.ResolvedTreesAsync(), WeightTolerance);
        // The host keeps only the splits of the kept trees.
        Assert.Equal(
            guest.Model.Trees[0].Nodes.Where(n => n.Split?.Party == 1).Select(n => n.Split!.SplitId).Order(),
            (await run.Hosts[0]).Table.Splits.Select(s => s.Id).Order());
    }

    [Fact]
    public async Task A_warm_start_continues_a_model_into_the_trees_a_longer_run_grows()
    {
        var first = await SecureBoostFederation.RunAsync(Options(trees: 2), BreastGuest.Guest(), [BreastHost.Host()]);
        var model = (await first.Guest).Model;
        var table = (await first.Hosts[0]).Table;
        var second = await SecureBoostFederation.RunAsync(
            Options(trees: 2), BreastGuest.Guest(), [BreastHost.Host()],
            SecureBoostModel.FromBytes(model.ToBytes()), [HostLookupTable.FromBytes(table.ToBytes())]);

        var trees = await second.ResolvedTreesAsync();
        Assert.Equal(4, trees.Count);
        TreeAssert.Same(LocalSecureBoostTrainer.Fit(BreastParties, BreastGuest.Labels!, Options(trees: 4)).Trees, trees, WeightTolerance);
        var kept = (await second.Hosts[0]).Table.Splits.Select(s => s.Id).ToHashSet();
        Assert.True(table.Splits.All(s => kept.Contains(s.Id)), "the continued host table keeps the first model's splits");
    }
}
