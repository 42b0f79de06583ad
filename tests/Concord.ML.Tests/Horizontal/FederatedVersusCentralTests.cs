using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Horizontal;

/// <summary>HomoLR trained by the federation against the same model trained centrally on the union of the clients' rows.</summary>
public class FederatedVersusCentralTests(ITestOutputHelper output)
{
    /// <summary>The bound: federated AUC within 0.01 of the LocalBaseline's, on the held-out test table.</summary>
    private const double AucTolerance = 0.01;

    private static readonly HomoLrOptions Lr = new() { LearningRate = 0.05, BatchSize = 32, Optimizer = OptimizerKind.Sgd, Penalty = PenaltyKind.L2, Alpha = 0.001 };

    [Theory]
    [InlineData(AggregationKind.Plain)]
    [InlineData(AggregationKind.SecureAggregation)]
    [InlineData(AggregationKind.Paillier)]
    public async Task Breast_homo_lr_matches_the_central_baseline_on_the_test_table(AggregationKind aggregation)
    {
        var data = new[] { HomoCsv.Read("breast_homo_guest.csv"), HomoCsv.Read("breast_homo_host.csv") };
        var settings = new HomoSettings { Rounds = 10, LocalEpochs = 2, Aggregation = aggregation, KeyBits = 1024, Seed = 7 };
        var (run, fedAuc) = await AssertAucMatchesCentralAsync(settings, data, HomoCsv.Read("breast_homo_test.csv"), new HomoLrFactory(Lr), $"breast, {aggregation}");
        Assert.True(fedAuc > 0.95, $"federated AUC {fedAuc}");
        // Every client ends with the same global model.
        Assert.Equal((await run.Clients[0]).Model.GetParameters(), (await run.Clients[1]).Model.GetParameters());
    }

    [Fact]
    public async Task Default_credit_over_three_banks_matches_the_central_baseline_on_the_test_split()
    {
        var data = new[] { "default_credit_homo_guest.csv.gz", "default_credit_homo_host_1.csv.gz", "default_credit_homo_host_2.csv.gz" }.Select(HomoCsv.Read).ToArray();
        var settings = new HomoSettings { Rounds = 5, LocalEpochs = 1, Aggregation = AggregationKind.SecureAggregation, Seed = 3 };
        // sklearn's unpenalised LogisticRegression on the union scores 0.7297 on this test split.
        var (run, fedAuc) = await AssertAucMatchesCentralAsync(settings, data, HomoCsv.Read("default_credit_homo_test.csv.gz"), new HomoLrFactory(Lr with { BatchSize = 64 }), "default_credit");
        Assert.True(fedAuc > 0.7, $"federated AUC {fedAuc}");
        Assert.All((await run.Arbiter).Rounds, r => Assert.Equal(3, r.Included));
    }

    /// <summary>Runs the federation, trains the LocalBaseline on the union for as many epochs, and compares their AUC on the test table.</summary>
    private async Task<(HomoFederation Run, double FederatedAuc)> AssertAucMatchesCentralAsync(
        HomoSettings settings, HorizontalData[] data, HorizontalData test, HomoLrFactory factory, string what)
    {
        var run = await HomoFederation.RunAsync(settings, data, factory);
        var federated = await run.Clients[0];
        var baseline = LocalHorizontalTrainer.Fit(factory, federated.Shape, HorizontalData.Union(data), settings.Rounds * settings.LocalEpochs, settings.Seed);
        var (fedAuc, centralAuc) = (Scoring.Auc(federated.Model, test), Scoring.Auc(baseline, test));
        output.WriteLine($"{what}: federated AUC {fedAuc:F4}, central {centralAuc:F4}");
        Assert.InRange(fedAuc - centralAuc, -AucTolerance, AucTolerance);
        return (run, fedAuc);
    }

    [Fact]
    public async Task Vehicle_four_classes_train_one_softmax_whose_accuracy_matches_the_central_one()
    {
        var data = new[] { HomoCsv.Read("vehicle_scale_homo_guest.csv"), HomoCsv.Read("vehicle_scale_homo_host.csv") };
        var settings = new HomoSettings { Rounds = 10, LocalEpochs = 3, Aggregation = AggregationKind.SecureAggregation, Seed = 5 };
        var factory = new HomoLrFactory(Lr with { LearningRate = 0.1, Optimizer = OptimizerKind.Adam, BatchSize = 32 });
        var run = await HomoFederation.RunAsync(settings, data, factory);
        var federated = await run.Clients[0];
        Assert.Equal(HorizontalTask.MultiClass, federated.Shape.Task);
        Assert.Equal([0.0, 1, 2, 3], federated.Shape.Classes);
        Assert.Equal(4 * (18 + 1), federated.Model.ParameterCount);

        var union = HorizontalData.Union(data);
        var baseline = LocalHorizontalTrainer.Fit(factory, federated.Shape, union, settings.Rounds * settings.LocalEpochs, settings.Seed);
        var (fed, central) = (Scoring.Accuracy(federated.Model, federated.Shape, union), Scoring.Accuracy(baseline, federated.Shape, union));
        output.WriteLine($"vehicle (training accuracy, no test split): federated {fed:F4}, central {central:F4}");
        Assert.InRange(fed - central, -0.03, 0.03);
        Assert.True(fed > 0.7, $"federated accuracy {fed}");
    }
}
