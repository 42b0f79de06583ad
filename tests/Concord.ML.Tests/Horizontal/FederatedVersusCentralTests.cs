using Concord.ML.Horizontal;
using Concord.ML.HomoLR;
using Concord.ML.LocalBaseline;
using Concord.ML.Linear;
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
    public async Task Breast_homo_lr_matches_the_central_baseline_on_the_test_table(AggregationKind aggregation)
    {
        var data = new[] { HomoCsv.Read("breast_homo_guest.csv"), HomoCsv.Read("breast_homo_host.csv") };
        var test = HomoCsv.Read("breast_homo_test.csv");
        var settings = new HomoSettings { Rounds = 10, LocalEpochs = 2, Aggregation = aggregation, Seed = 7 };
        var factory = new HomoLrFactory(Lr);
        var run = await HomoFederation.RunAsync(settings, data, factory);
        var federated = await run.Clients[0];

        var baseline = LocalHorizontalTrainer.Fit(factory, federated.Shape, HorizontalData.Union(data), settings.Rounds * settings.LocalEpochs, settings.Seed);
        var (fedAuc, centralAuc) = (Scoring.Auc(federated.Model, test), Scoring.Auc(baseline, test));
        output.WriteLine($"{aggregation}: federated AUC {fedAuc:F4}, central {centralAuc:F4}");
        Assert.InRange(fedAuc - centralAuc, -AucTolerance, AucTolerance);
        Assert.True(fedAuc > 0.95, $"federated AUC {fedAuc}");
        // Every client ends with the same global model.
        Assert.Equal(federated.Model.GetParameters(), (await run.Clients[1]).Model.GetParameters());
    }
}
