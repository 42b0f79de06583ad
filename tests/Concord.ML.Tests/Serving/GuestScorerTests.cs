using Concord.ML.Linear;
using Concord.ML.SecureBoost;
using Concord.ML.Serving;

namespace Concord.ML.Tests.Serving;

/// <summary>
/// The online scorers against a hand computation: a host's precomputed answers looked up by id, combined with the
/// guest's rows, give the model's prediction; answers a host could not have sent are refused naming it.
/// </summary>
public class GuestScorerTests
{
    private const int Host = 10000;

    private static readonly PartyLinearModel Guest = new(LinearTask.Logistic, ["a", "b"], [1, 2], [2, 4], [[0.5, -0.25, 0.1]], true, [], ["a", "b"], [Host]);
    private static readonly PartyLinearModel HostShare = new(LinearTask.Logistic, ["h"], [3], [0.5], [[0.75]], false, [], ["h"]);

    [Fact]
    public void A_linear_score_is_the_guest_part_plus_the_host_part_looked_up_by_id_through_the_link()
    {
        var host = HostAnswers.Linear(HostShare, ["x", "y", "z"], new NumericColumns(["h", "unused"], [[3.5, 2.0, 4.0], [9, 9, 9]]), "host");
        var scorer = new LinearGuestScorer(Guest, [Host]);

        var unknown = new List<int>();
        var answers = host.Answer(["z", "nobody", "x"], unknown);
        var scores = scorer.Score(new NumericColumns(["a", "b"], [[3.0, 0, 1.0], [6.0, 0, -2.0]]), [answers]);

        Assert.Equal([1], unknown);
        double Expected(double a, double b, double h) => 1 / (1 + Math.Exp(-((0.5 * (a - 1) / 2) + (-0.25 * (b - 2) / 4) + 0.1 + (0.75 * (h - 3) / 0.5))));
        Assert.Equal(Expected(3, 6, 4), scores[0][0], 1e-12);
        Assert.Equal(Expected(1, -2, 3.5), scores[0][2], 1e-12);
    }

    [Fact]
    public void Answers_of_the_wrong_size_and_a_host_table_without_the_trees_splits_are_refused_naming_the_party()
    {
        var scorer = new LinearGuestScorer(Guest, [Host]);
        var wrongSize = Assert.Throws<InvalidDataException>(() => scorer.Score(new NumericColumns(["a", "b"], [[1.0], [2.0]]), [new byte[7]]));
        Assert.Contains("party 10000 answered 7 bytes for 1 ids of 8 bytes each", wrongSize.Message);

        var otherHosts = Assert.Throws<ArgumentException>(() => new LinearGuestScorer(Guest, [10001]));
        Assert.Contains("trained with host(s) 10000, and the deployment names 10001", otherHosts.Message);

        var tree = Tree(Split(new SplitRule(1, 0, 0, 0, true, SplitId: 42), 1, 2), Leaf(-1), Leaf(1));
        var model = new SecureBoostModel(BoostObjective.Binary, 2, 0.3, [0], ["g"], [Host], [tree]);
        var missing = Assert.Throws<ArgumentException>(() => new BoostGuestScorer(model, [Host], [[7L]]));
        Assert.Contains("split 42 of party 10000, whose lookup table does not hold it", missing.Message);
    }

    [Fact]
    public void A_boosted_score_follows_the_host_bits_at_its_splits_and_the_guest_values_at_its_own()
    {
        // Root: the host's split 42 (left when h <= 1); left child: the guest's split on g at 0.5.
        var tree = Tree(Split(new SplitRule(1, 0, 0, 0, true, SplitId: 42), 1, 2), Split(new SplitRule(0, 0, 0, 0.5, true), 3, 4), Leaf(3), Leaf(1), Leaf(2));
        var model = new SecureBoostModel(BoostObjective.Binary, 2, 0.3, [0.25], ["g"], [Host], [tree]);
        var table = new HostLookupTable(1, ["h"], [new HostSplit(42, "h", 0, 0, 1.0, true)]);
        var host = HostAnswers.Boost(table, ["p", "q", "r"], new NumericColumns(["h"], [[0.5, 2.0, double.NaN]]), "host");
        var scorer = new BoostGuestScorer(model, [Host], [[42L]]);

        var scores = scorer.Score(new NumericColumns(["g"], [[0.2, 0.9, 0.7]]), [host.Answer(["p", "q", "r"], [])]);

        // p: h 0.5 goes left, g 0.2 left → 1; q: h 2 goes right → 3; r: h missing goes left (default), g 0.7 right → 2.
        Assert.Equal([Sigmoid(0.25 + 1), Sigmoid(0.25 + 3), Sigmoid(0.25 + 2)], scores[0], new ToleranceComparer(1e-12));
    }

    private static BoostTree Tree(params TreeNode[] nodes) => new() { Nodes = [.. nodes] };

    private static TreeNode Split(SplitRule rule, int left, int right) => new() { Split = rule, Left = left, Right = right };

    private static TreeNode Leaf(double weight) => new() { Weight = weight };

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
