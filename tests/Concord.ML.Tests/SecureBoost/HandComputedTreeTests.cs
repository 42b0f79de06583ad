using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// Trees small enough to grow by hand, with every expected number derived in the comments from XGBoost's formulas
/// (gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), leaf = −η·G/(H+λ), binary log-loss g = p − y, h = p(1 − p)), so
/// that a wrong formula shared by the federated path and the LocalBaseline cannot pass.
/// </summary>
public class HandComputedTreeTests
{
    private const double Eta = 0.3;
    private const double Lambda = 1;

    [Fact]
    public void Two_rounds_of_stumps_on_six_rows_split_and_weigh_as_computed_by_hand()
    {
        // Guest feature 1..6 separates the labels at 3; the host's alternating feature is worse:
        //   round 0: base score logit(1/2) = 0, so p = 1/2, g = ±1/2, h = 1/4 per row; G = 0, H = 3/2.
        //   guest x ≤ 3: G_L = 3/2, H_L = 3/4, G_R = −3/2, H_R = 3/4 → gain = 2·(9/4)/(7/4) = 18/7 ≈ 2.571.
        //   host  z ≤ 1: rows 1, 3, 5 (y = 0, 0, 1): G_L = 1/2, G_R = −1/2 → gain = 2·(1/4)/(7/4) = 2/7.
        //   leaves: ∓η·(3/2)/(7/4) = ∓0.3·6/7.
        var guest = new NumericColumns(["x"], [[1, 2, 3, 4, 5, 6]]);
        var host = new NumericColumns(["z"], [[1, 2, 1, 2, 1, 2]]);
        double[] labels = [0, 0, 0, 1, 1, 1];
        var options = new SecureBoostOptions { NumTrees = 2, MaxDepth = 1, LearningRate = Eta, Lambda = Lambda, MinChildWeight = 0.5, KeyBits = 1024 };

        var fit = LocalSecureBoostTrainer.Fit([new LocalBoostParty(1, guest), new LocalBoostParty(2, host)], labels, options);

        Assert.Equal(0, fit.BaseScores[0], 1e-15);
        var first = fit.Trees[0].Nodes;
        Assert.Equal((0, 0, 2), (first[0].Split!.Party, first[0].Split!.Feature, first[0].Split!.Bin));
        Assert.Equal(3, first[0].Split!.Threshold);
        Assert.Equal(18.0 / 7, first[0].Gain, 1e-9);
        Assert.Equal(-Eta * 6 / 7, first[first[0].Left].Weight, 1e-12);
        Assert.Equal(Eta * 6 / 7, first[first[0].Right].Weight, 1e-12);

        // Round 1: rows 1-3 score s = −0.3·6/7, rows 4-6 score −s; p_L = σ(s), p_R = σ(−s) = 1 − p_L.
        //   left: G = 3·p_L, H = 3·p_L(1 − p_L); right: G = 3·(p_R − 1) = −3·p_L, H the same → leaves ∓η·3p_L/(3p_L(1−p_L)+λ).
        var s = -Eta * 6 / 7;
        var pL = 1 / (1 + Math.Exp(-s));
        var h = 3 * pL * (1 - pL);
        var second = fit.Trees[1].Nodes;
        Assert.Equal((0, 2), (second[0].Split!.Party, second[0].Split!.Bin));
        Assert.Equal(-Eta * 3 * pL / (h + Lambda), second[second[0].Left].Weight, 1e-12);
        Assert.Equal(Eta * 3 * pL / (h + Lambda), second[second[0].Right].Weight, 1e-12);
        Assert.Equal(2 * (9 * pL * pL / (h + Lambda)), second[0].Gain, 1e-9);
    }

    [Fact]
    public void A_split_whose_children_weigh_less_than_min_child_weight_is_not_taken()
    {
        // The same data, min_child_weight 1: each side of any split weighs 3·(1/4) = 3/4 < 1, so the tree is one leaf
        // with G = 0: weight 0.
        var guest = new NumericColumns(["x"], [[1, 2, 3, 4, 5, 6]]);
        var options = new SecureBoostOptions { NumTrees = 1, MaxDepth = 2, LearningRate = Eta, Lambda = Lambda, MinChildWeight = 1, KeyBits = 1024 };

        var fit = LocalSecureBoostTrainer.Fit([new LocalBoostParty(1, guest)], [0, 0, 0, 1, 1, 1], options);

        var root = Assert.Single(fit.Trees[0].Nodes);
        Assert.True(root.IsLeaf);
        Assert.Equal(0, root.Weight, 1e-15);
    }

    [Fact]
    public void Squared_error_leaves_are_the_shrunk_mean_residual_over_count_plus_lambda()
    {
        // L2: base score = mean y = 2.5; g = score − y, h = 1. x ≤ 2 holds y = 1, 2: G_L = 1.5 + 0.5 = 2, H_L = 2;
        // right G_R = −2, H_R = 2. Leaves ∓η·2/(2+λ) = ∓0.2. Gain of x ≤ 2: 2·4/3 = 8/3; x ≤ 1 or 3: (1.5² / 2)·2 = 2.25.
        var guest = new NumericColumns(["x"], [[1, 2, 3, 4]]);
        var options = new SecureBoostOptions { Objective = BoostObjective.L2, NumTrees = 1, MaxDepth = 1, LearningRate = Eta, Lambda = Lambda, MinChildWeight = 1, KeyBits = 1024 };

        var fit = LocalSecureBoostTrainer.Fit([new LocalBoostParty(1, guest)], [1, 2, 3, 4], options);

        Assert.Equal(2.5, fit.BaseScores[0], 1e-15);
        var nodes = fit.Trees[0].Nodes;
        Assert.Equal(1, nodes[0].Split!.Bin);
        Assert.Equal(8.0 / 3, nodes[0].Gain, 1e-9);
        Assert.Equal(-0.2, nodes[nodes[0].Left].Weight, 1e-12);
        Assert.Equal(0.2, nodes[nodes[0].Right].Weight, 1e-12);
    }
}
