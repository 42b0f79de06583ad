using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Strategies;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// Label skew between two banks (default_credit's guest table, 8,000 customers, split between them by <see cref="LabelSkew"/>) and many local
/// epochs: each client's local optimum pulls away from the joint one, and FedAvg's average of them lands off the
/// optimum (client drift); FedProx's proximal term keeps local models near the global one. Measured as the final
/// global model's log-loss on the union of both clients' rows, against the central optimum of the same model.
/// </summary>
public class NonIidTests(ITestOutputHelper output)
{
    private const int Rounds = 6;
    private const int LocalEpochs = 10;

    private static readonly HomoLrFactory Factory = new(new HomoLrOptions
    {
        LearningRate = 0.1,
        BatchSize = 32,
        Optimizer = OptimizerKind.Sgd,
        Penalty = PenaltyKind.L2,
        Alpha = 0.001,
    });

    private static readonly Lazy<(HorizontalData Union, double Optimum)> Central = new(() =>
    {
        var union = HomoCsv.Read("default_credit_homo_guest.csv.gz");
        var model = LocalHorizontalTrainer.Fit(Factory, new ModelShape(HorizontalTask.Binary, union.FeatureNames, [0, 1]), union, 150, 1);
        return (union, LabelSkew.LogLoss(model, union));
    });

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.9)]
    public async Task FedProx_stays_near_the_central_optimum_where_FedAvg_with_many_local_epochs_drifts(double skew)
    {
        var (union, optimum) = Central.Value;
        var clients = LabelSkew.Split(union, skew, seed: 1);
        var fedAvg = await GapAsync(clients, union, optimum, mu: 0);
        var fedProx = await GapAsync(clients, union, optimum, mu: 0.1);
        output.WriteLine($"label skew {skew}: loss above the central optimum {optimum:F4} after {Rounds} rounds of {LocalEpochs} local epochs: FedAvg {fedAvg:F4}, FedProx (μ = 0.1) {fedProx:F4}");
        if (skew == 0)
        {
            // IID: both converge (the SGD-trained central reference itself is within about 0.005 of the optimum).
            Assert.InRange(fedAvg, -0.01, 0.01);
            Assert.InRange(fedProx, -0.01, 0.01);
        }
        else
        {
            Assert.True(fedAvg > 0.05, $"FedAvg should drift under label skew {skew}: {fedAvg:F4} above the optimum");
            Assert.True(fedProx < fedAvg / 3, $"FedProx {fedProx:F4} should stay far closer to the optimum than FedAvg {fedAvg:F4}");
        }
    }

    private static async Task<double> GapAsync(HorizontalData[] clients, HorizontalData union, double optimum, double mu)
    {
        var settings = new HomoSettings { Rounds = Rounds, LocalEpochs = LocalEpochs, Aggregation = AggregationKind.Plain, Strategy = new StrategySettings { Name = mu > 0 ? StrategyKind.FedProx : StrategyKind.FedAvg, Mu = mu }, Seed = 1 };
        var run = await HomoFederation.RunAsync(settings, clients, Factory);
        return LabelSkew.LogLoss((await run.Clients[0]).Model, union) - optimum;
    }
}
