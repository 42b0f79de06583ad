using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Linear;
using Xunit.Abstractions;

namespace Concord.ML.Tests.Horizontal;

/// <summary>HomoLR on breast with differential privacy, against the same run without, on the held-out test table.</summary>
public class DifferentialPrivacyTests(ITestOutputHelper output)
{
    private static readonly HomoLrFactory Factory = new(new HomoLrOptions { LearningRate = 0.05, BatchSize = 32, Optimizer = OptimizerKind.Sgd, Penalty = PenaltyKind.L2, Alpha = 0.001 });

    private static HorizontalData[] Clients => [HomoCsv.Read("breast_homo_guest.csv"), HomoCsv.Read("breast_homo_host.csv")];

    private static HomoSettings Settings(DpSettings dp) => new() { Rounds = 10, LocalEpochs = 2, Aggregation = AggregationKind.SecureAggregation, Seed = 11, Dp = dp };

    [Fact]
    public async Task DP_SGD_at_epsilon_8_spends_at_most_8_and_costs_little_accuracy()
    {
        var test = HomoCsv.Read("breast_homo_test.csv");
        var plain = await (await HomoFederation.RunAsync(Settings(DpSettings.Off), Clients, Factory)).Clients[0];
        var dp = new DpSettings(DpMode.DpSgd, ClipNorm: 1.0, NoiseMultiplier: null, TargetEpsilon: 8, Delta: 1e-5);
        var run = await HomoFederation.RunAsync(Settings(dp), Clients, Factory);
        foreach (var client in run.Clients)
        {
            var privacy = (await client).Privacy!;
            Assert.Equal("dp_sgd", privacy.Mode);
            Assert.InRange(privacy.Epsilon, 7.0, 8.0);
            Assert.Equal(10, privacy.EpsilonByRound.Length);
            Assert.True(privacy.EpsilonByRound.Zip(privacy.EpsilonByRound.Skip(1)).All(p => p.First < p.Second), "ε grows every round");
            Assert.Equal(privacy.Epsilon, privacy.EpsilonByRound[^1]);
        }
        var withDp = (await run.Clients[0]).Model;
        var (auc, aucDp) = (Scoring.Auc(plain.Model, test), Scoring.Auc(withDp, test));
        var (acc, accDp) = (Scoring.Accuracy(plain.Model, plain.Shape, test), Scoring.Accuracy(withDp, plain.Shape, test));
        var sigma = (await run.Clients[0]).Privacy!.NoiseMultiplier;
        output.WriteLine($"DP-SGD ε = 8 (δ = 1e-5, σ = {sigma:F3}, C = 1): AUC {aucDp:F4} vs {auc:F4} without DP (loss {auc - aucDp:F4}); accuracy {accDp:F4} vs {acc:F4} (loss {acc - accDp:F4})");
        Assert.True(aucDp > 0.95, $"AUC under DP-SGD at ε = 8: {aucDp}");
        // The loss is kept home under DP: the arbiter records none.
        Assert.All((await run.Arbiter).Rounds, r => Assert.Null(r.Loss));
    }

    [Fact]
    public async Task Central_DP_noise_is_added_by_the_arbiter_and_its_epsilon_reaches_every_client()
    {
        var dp = new DpSettings(DpMode.Central, ClipNorm: 0.5, NoiseMultiplier: 1.0, TargetEpsilon: null, Delta: 1e-5);
        var run = await HomoFederation.RunAsync(Settings(dp), Clients, Factory);
        var arbiter = await run.Arbiter;
        // Ten rounds of the Gaussian mechanism at q = 1, σ = 1: RDP 10·α/2 at each order α.
        var accountant = new Crypto.Privacy.RdpAccountant();
        accountant.Compose(1.0, 1.0, 10);
        var expected = accountant.Epsilon(1e-5).Epsilon;
        Assert.Equal(expected, arbiter.Privacy!.Epsilon, 1e-9);
        Assert.All(arbiter.Rounds, r => Assert.NotNull(r.Epsilon));
        foreach (var client in run.Clients)
        {
            Assert.Equal(expected, (await client).Privacy!.Epsilon, 1e-9);
        }
        // Two runs with the same seed differ only by the arbiter's fresh noise.
        var again = await HomoFederation.RunAsync(Settings(dp), Clients, Factory);
        Assert.NotEqual((await run.Clients[0]).Model.GetParameters(), (await again.Clients[0]).Model.GetParameters());
        output.WriteLine($"central DP over 2 clients, σ = 1, C = 0.5, 10 rounds: ε = {expected:F2}; test AUC {Scoring.Auc((await run.Clients[0]).Model, HomoCsv.Read("breast_homo_test.csv")):F4}");
    }

    [Fact]
    public async Task Without_DP_the_same_seed_gives_the_same_model()
    {
        var first = await HomoFederation.RunAsync(Settings(DpSettings.Off) with { Rounds = 2 }, Clients, Factory);
        var second = await HomoFederation.RunAsync(Settings(DpSettings.Off) with { Rounds = 2 }, Clients, Factory);
        Assert.Equal((await first.Clients[0]).Model.GetParameters(), (await second.Clients[0]).Model.GetParameters());
    }
}
