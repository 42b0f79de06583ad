using Concord.ML.SecureBoost;
using Concord.ML.Tests.HeteroLinear;
using Concord.ML.Validation;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// SecureBoost's validations (every validation_freqs rounds) equal a plaintext walk of the trees grown by then over
/// the validation rows' raw features (AUC and log loss within 1e-9: the same trees, summed in another order).
/// Breast rows 0–399 train, 400–568 validate.
/// </summary>
public class ValidationTests
{
    [Fact]
    public async Task Every_second_round_s_validation_equals_a_plaintext_walk_of_the_trees_so_far()
    {
        var (train, validate) = (BreastGuest.Rows(0, 400), BreastGuest.Rows(400, 569));
        var (hostTrain, hostValidate) = (BreastHost.Rows(0, 400), BreastHost.Rows(400, 569));
        var options = Options(trees: 4) with { Validation = new ValidationOptions { ValidationFreqs = 2, Metrics = ["auc", "ks"] } };
        var run = await SecureBoostFederation.RunAsync(options, train.Guest(validate), [hostTrain.Host(hostValidate)]);

        var guest = await run.Guest;
        var trees = await run.ResolvedTreesAsync();
        var points = guest.Validation!;
        Assert.Equal([2, 4], points.Select(p => p.Epoch));
        Assert.Equal(["loss", "auc", "ks"], points[0].Metrics.Keys);
        var labels = validate.Labels!;
        foreach (var point in points)
        {
            var scores = Enumerable.Range(0, labels.Length).Select(i => Sigmoid(guest.Model.BaseScores[0]
                + trees.Take(point.Epoch).Sum(t => Leaf(t, [validate.Features, hostValidate.Features], i)))).ToArray();
            Assert.Equal(Metrics.Auc(scores, labels), point.Metrics["auc"], 1e-9);
            var logLoss = scores.Select((p, i) => -((labels[i] * Math.Log(p)) + ((1 - labels[i]) * Math.Log(1 - p)))).Average();
            Assert.Equal(logLoss, point.Metrics["loss"], 1e-9);
        }
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));

    /// <summary>The leaf weight row <paramref name="row"/> reaches, each split read from its party's raw columns.</summary>
    private static double Leaf(BoostTree tree, NumericColumns[] parties, int row)
    {
        var node = tree.Nodes[0];
        while (!node.IsLeaf)
        {
            var split = node.Split!;
            node = tree.Nodes[split.GoesLeft(parties[split.Party][split.Feature][row]) ? node.Left : node.Right];
        }
        return node.Weight;
    }
}
