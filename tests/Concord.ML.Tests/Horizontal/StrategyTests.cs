using Concord.ML.Horizontal;
using Concord.ML.Horizontal.Strategies;
using Concord.ML.Tests.HeteroLinear;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Horizontal;

/// <summary>The strategies against hand computations, robust aggregation against a client that scales its update, and their refusal where the arbiter sees only the sum.</summary>
public class StrategyTests(ITestOutputHelper output)
{
    private static HomoSettings With(StrategySettings strategy, AggregationKind aggregation = AggregationKind.Plain, int rounds = 1) =>
        new() { Rounds = rounds, Aggregation = aggregation, Strategy = strategy, Seed = 1 };

    /// <summary>The sum of one client's vector of weight 2 whose change is <paramref name="change"/>.</summary>
    private static RoundUpdates Mean(params double[] change) => new(WeightedUpdate.Build(change, weight: 2, loss: 0.3), null);

    [Fact]
    public void FedAvgM_moves_by_the_server_momentum_of_the_pseudo_gradient()
    {
        var strategy = new FedAvgM(With(new() { Name = StrategyKind.FedAvgM, ServerLearningRate = 0.5, ServerMomentum = 0.9 }));
        var global = new[] { 0.0, 0.0 };
        strategy.Aggregate(0, global, Mean(1, -2));
        // m = g = −Δ = [−1, 2]; w = −0.5·m.
        Assert.Equal([0.5, -1.0], global);
        strategy.Aggregate(1, global, Mean(0.5, 0.5));
        // m = 0.9·[−1, 2] − [0.5, 0.5] = [−1.4, 1.3]; w = [0.5, −1] − 0.5·m.
        Assert.Equal(1.2, global[0], 12);
        Assert.Equal(-1.65, global[1], 12);
    }

    [Fact]
    public void FedAdam_and_FedYogi_take_Flowers_first_step()
    {
        var adam = new FedAdam(With(new() { Name = StrategyKind.FedAdam }));
        var global = new[] { 1.0 };
        adam.Aggregate(0, global, Mean(0.2));
        // m = 0.1·0.2, v = 0.01·0.04, η_t = 0.1·√(1 − 0.99²)/(1 − 0.9²) (Flower's round 1), τ = 1e-9.
        var etaT = 0.1 * Math.Sqrt(1 - (0.99 * 0.99)) / (1 - (0.9 * 0.9));
        Assert.Equal(1 + (etaT * 0.02 / (0.02 + 1e-9)), global[0], 12);

        var yogi = new FedYogi(With(new() { Name = StrategyKind.FedYogi }));
        global = [1.0];
        yogi.Aggregate(0, global, Mean(0.2));
        // v = 0 − 0.01·0.04·sign(0 − 0.04) = 0.0004; η = 0.01, τ = 1e-3.
        Assert.Equal(1 + (0.01 * 0.02 / (0.02 + 1e-3)), global[0], 12);
    }

    [Fact]
    public async Task FedProx_tells_the_clients_mu_and_their_proximal_term_holds_them_near_the_global_model()
    {
        HorizontalData[] data = [QuadraticFactory.Client([1.0, 2.0]), QuadraticFactory.Client([3.0, -2.0])];
        var fedAvg = await GlobalAfterAsync(With(new() { Name = StrategyKind.FedAvg }), data, QuadraticFactory.Honest);
        var fedProx = await GlobalAfterAsync(With(new() { Name = StrategyKind.FedProx, Mu = 1 }), data, QuadraticFactory.Honest);
        // From w = 0, two steps of 0.5 towards t: 0.75·t; with μ = 1 the second step's pull back to 0 cancels it: 0.5·t.
        Assert.Equal([0.75 * 2, 0.0], fedAvg);
        Assert.Equal([0.5 * 2, 0.0], fedProx);
    }

    [Fact]
    public async Task The_coordinate_median_resists_a_client_that_scales_its_update_where_FedAvg_is_pulled_off()
    {
        HorizontalData[] data = [QuadraticFactory.Client([1.0, 1.0]), QuadraticFactory.Client([1.2, 0.8]), QuadraticFactory.Client([0.8, 1.2])];
        // The third client sends −20 times its change.
        var attacker = new QuadraticFactory(d => d.Rows[0][0] == 0.8 ? -20 : 1);
        double Distance(double[] w) => Math.Sqrt(w.Sum(v => (v - 1) * (v - 1)));
        var fedAvg = Distance(await GlobalAfterAsync(With(new() { Name = StrategyKind.FedAvg }, rounds: 5), data, attacker));
        var median = Distance(await GlobalAfterAsync(With(new() { Name = StrategyKind.Median }, rounds: 5), data, attacker));
        var honestMedian = Distance(await GlobalAfterAsync(With(new() { Name = StrategyKind.Median }, rounds: 5), data, QuadraticFactory.Honest));
        output.WriteLine($"distance from the honest optimum after 5 rounds: FedAvg {fedAvg:F4}, median {median:F4} (without the attacker {honestMedian:F4})");
        Assert.True(median < 0.5, $"median ended {median} from the honest optimum");
        Assert.True(fedAvg > 3, $"FedAvg ended only {fedAvg} from the honest optimum");
    }

    [Theory]
    [InlineData(StrategyKind.Median, AggregationKind.SecureAggregation, "under aggregation secure the arbiter sees only their sum")]
    [InlineData(StrategyKind.Krum, AggregationKind.Paillier, "under aggregation paillier the arbiter sees only their sum")]
    [InlineData(StrategyKind.TrimmedMean, AggregationKind.SecureAggregation, "use aggregation plain")]
    public void Robust_aggregation_is_refused_where_the_arbiter_sees_only_the_sum(StrategyKind name, AggregationKind aggregation, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => With(new() { Name = name }, aggregation).Validate(3));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("horizontal training parameter \"strategy\"", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Trimmed_mean_and_Krum_leave_out_the_outlier()
    {
        double[][] changes = [[1.0], [1.1], [0.9], [50.0], [1.05]];
        Assert.Equal((1.0 + 1.05 + 1.1) / 3, RobustAggregation.CoordinateWise(1, changes, s => RobustAggregation.TrimmedMean(s, 0.2))[0], 12);
        var kept = RobustAggregation.KrumChoice(changes, malicious: 1, keep: 3);
        Assert.DoesNotContain(3, kept);
        // 1.05 has the two nearest neighbours (1.0 and 1.1, 0.05 away each).
        Assert.Equal(4, RobustAggregation.KrumChoice(changes, malicious: 1, keep: 1)[0]);
    }

    private static async Task<double[]> GlobalAfterAsync(HomoSettings settings, HorizontalData[] data, ILocalModelFactory factory)
    {
        var run = HomoFederation.Start(settings, data, _ => factory);
        await HeteroLinearFederation.FirstFailureAsync([run.Arbiter, .. run.Clients]);
        return (await run.Arbiter).Global!;
    }
}
