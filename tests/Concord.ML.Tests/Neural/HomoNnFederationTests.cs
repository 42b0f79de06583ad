using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;
using Concord.ML.Tests.Horizontal;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Neural;

/// <summary>HomoNN trained by the federation (guest, host, arbiter) against the same network trained centrally on the union of the clients' rows.</summary>
public class HomoNnFederationTests(ITestOutputHelper output)
{
    /// <summary>The bound: federated accuracy within 0.03 of the LocalBaseline's, on the held-out vehicle rows.</summary>
    private const double AccuracyTolerance = 0.03;

    /// <summary>The example job's network (examples/jobs/homo-nn-vehicle.yaml).</summary>
    internal static readonly NeuralModelDefinition Vehicle = new NeuralModelDefinition(
        [LayerDefinition.Dense(32), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dropout(0.1), LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Softmax)],
        LossKind.CrossEntropy, NeuralOptimizerKind.Adam, LearningRate: 0.005, BatchSize: 32).Validate();

    internal static HorizontalData[] VehicleClients() => [HomoCsv.Read("vehicle_scale_homo_guest_train.csv"), HomoCsv.Read("vehicle_scale_homo_host_train.csv")];

    [Theory]
    [InlineData(AggregationKind.Plain)]
    public async Task Vehicle_homo_nn_matches_the_central_baseline_on_the_held_out_rows(AggregationKind aggregation)
    {
        var data = VehicleClients();
        var test = HomoCsv.Read("vehicle_scale_homo_test.csv");
        var settings = new HomoSettings { Rounds = 200, LocalEpochs = 2, Aggregation = aggregation, Seed = 42 };
        var (run, federated, central) = await FederatedAndCentral.TrainAsync(settings, data, new NeuralModelFactory(Vehicle));
        var (fedAccuracy, centralAccuracy) = (Scoring.Accuracy(federated.Model, federated.Shape, test), Scoring.Accuracy(central, federated.Shape, test));
        output.WriteLine($"{aggregation}: federated accuracy {fedAccuracy:F4}, central {centralAccuracy:F4}");
        Assert.InRange(fedAccuracy - centralAccuracy, -AccuracyTolerance, AccuracyTolerance);
        // Well above a linear model's 0.76 on the same split: the hidden layer is learning.
        Assert.True(fedAccuracy > 0.8, $"federated accuracy {fedAccuracy}");
        Assert.Equal(federated.Model.GetParameters(), (await run.Clients[1]).Model.GetParameters());
    }
}
