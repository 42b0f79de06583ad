using System.Text.Json;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// Losslessness against a reference that shares none of our code: trees XGBoost 1.7.4 grew with its hist method on
/// the same bin codes and parameters (Reference/make_xgboost_fixtures.py, run by hand, JSON committed). The
/// LocalBaseline must grow the same trees split for split; the federated trees equal the LocalBaseline's
/// (<see cref="LosslessnessTests"/>), so a wrong gain, leaf weight, base score or stopping rule fails here even though
/// both of our paths share them. XGBoost keeps gradients and leaves in float32, hence the 1e-5 tolerance on weights.
/// </summary>
public class XGBoostReferenceTests
{
    private const double Float32Tolerance = 1e-5;

    [Fact]
    public void Breast_binary_trees_equal_xgboost_hist_split_for_split() =>
        AssertSameAsXGBoost("xgboost_breast_binary.json", BoostObjective.Binary);

    [Fact]
    public void Motor_squared_error_trees_equal_xgboost_hist_split_for_split() =>
        AssertSameAsXGBoost("xgboost_motor_l2.json", BoostObjective.L2);

    private static void AssertSameAsXGBoost(string fixtureName, BoostObjective objective)
    {
        var fixture = XGBoostFixture.Read(fixtureName);
        var guest = BoostSide.Read(fixture.Guest, fixture.Label);
        var host = BoostSide.Read(fixture.Host);
        var options = new SecureBoostOptions
        {
            Objective = objective,
            NumTrees = fixture.Trees.Count,
            MaxDepth = (int)fixture.Param("max_depth"),
            LearningRate = fixture.Param("eta"),
            Lambda = fixture.Param("lambda"),
            Gamma = fixture.Param("gamma"),
            MinChildWeight = fixture.Param("min_child_weight"),
            MaxBin = fixture.MaxBin,
            KeyBits = 1024,
        };
        var local = LocalSecureBoostTrainer.Fit([guest.Local(9999), host.Local(10000)], guest.Labels!, options);

        var baseScore = fixture.Param("base_score");
        Assert.Equal(objective == BoostObjective.Binary ? Math.Log(baseScore / (1 - baseScore)) : baseScore, local.BaseScores[0], 1e-12);
        Assert.Equal(fixture.Trees.Count, local.Trees.Count);
        for (var t = 0; t < fixture.Trees.Count; t++)
        {
            AssertSameNode(fixture, fixture.Trees[t], 0, local.Trees[t], 0, $"tree {t}");
        }

        // The whole ensemble, row by row: XGBoost's margins against ours, walked on the same codes.
        for (var row = 0; row < fixture.Margins.Length; row++)
        {
            var margin = local.BaseScores[0] + local.Trees.Sum(tree => Walk(tree, local.Bins, row));
            Assert.True(Math.Abs(margin - fixture.Margins[row]) < Float32Tolerance * fixture.Trees.Count, $"row {row}: margin {margin}, XGBoost {fixture.Margins[row]}");
        }
    }

    private static void AssertSameNode(XGBoostFixture fixture, XGBoostTree expected, int e, BoostTree actual, int a, string path)
    {
        var node = actual.Nodes[a];
        if (expected.LeftChildren[e] < 0)
        {
            Assert.True(node.IsLeaf, $"{path}: XGBoost has a leaf, we split on {node.Split}");
            Assert.True(Math.Abs(node.Weight - expected.SplitConditions[e]) < Float32Tolerance, $"{path}: leaf {node.Weight}, XGBoost {expected.SplitConditions[e]}");
            return;
        }
        Assert.False(node.IsLeaf, $"{path}: XGBoost splits feature {expected.SplitIndices[e]} below code {expected.SplitConditions[e]}, we have a leaf");
        var split = node.Split!;
        var feature = split.Party == 0 ? split.Feature : fixture.GuestFeatures + split.Feature;
        // XGBoost sends code < c left, we send code <= bin left: the same rows when bin = ceil(c) - 1.
        var bin = (int)Math.Ceiling(expected.SplitConditions[e]) - 1;
        Assert.True(
            (feature, split.Bin) == (expected.SplitIndices[e], bin),
            $"{path}: we split feature {feature} ({fixture.Features[feature]}) at bin {split.Bin}, XGBoost feature {expected.SplitIndices[e]} at bin {bin}");
        AssertSameNode(fixture, expected, expected.LeftChildren[e], actual, node.Left, path + " left");
        AssertSameNode(fixture, expected, expected.RightChildren[e], actual, node.Right, path + " right");
    }

    private static double Walk(BoostTree tree, IReadOnlyList<BinnedFeatures> bins, int row)
    {
        var node = tree.Nodes[0];
        while (node.Split is SplitRule split)
        {
            node = tree.Nodes[bins[split.Party].Codes[split.Feature][row] <= split.Bin ? node.Left : node.Right];
        }
        return node.Weight;
    }
}

internal sealed record XGBoostTree(int[] LeftChildren, int[] RightChildren, int[] SplitIndices, double[] SplitConditions);

internal sealed record XGBoostFixture(
    string Guest, string Host, string Label, int MaxBin, IReadOnlyList<string> Features, int GuestFeatures,
    IReadOnlyList<XGBoostTree> Trees, double[] Margins, JsonElement Params)
{
    public double Param(string name) => Params.GetProperty(name).GetDouble();

    public static XGBoostFixture Read(string fileName)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "SecureBoost", "Reference", fileName)));
        var root = json.RootElement;
        static T[] Array<T>(JsonElement e, string name, Func<JsonElement, T> read) => [.. e.GetProperty(name).EnumerateArray().Select(read)];
        return new XGBoostFixture(
            root.GetProperty("guest").GetString()!,
            root.GetProperty("host").GetString()!,
            root.GetProperty("label").GetString()!,
            root.GetProperty("max_bin").GetInt32(),
            Array(root, "features", e => e.GetString()!),
            root.GetProperty("guest_features").GetInt32(),
            Array(root, "trees", t => new XGBoostTree(
                Array(t, "left_children", e => e.GetInt32()),
                Array(t, "right_children", e => e.GetInt32()),
                Array(t, "split_indices", e => e.GetInt32()),
                Array(t, "split_conditions", e => e.GetDouble()))),
            Array(root, "margins", e => e.GetDouble()),
            root.GetProperty("params").Clone());
    }
}
