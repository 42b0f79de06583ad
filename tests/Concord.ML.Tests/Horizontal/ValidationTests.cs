using Concord.Federation;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;
using Concord.ML.Tests.HeteroLinear;
using Concord.ML.Validation;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// validate_data in horizontal training. Each client's validation equals a plaintext evaluation, on its own validation
/// rows, of the global model after that round (the final model of the same run stopped after that many rounds; to
/// 1e-12, since it is the same model), and the arbiter's is the row-weighted mean of the clients' values (to 1e-6: the
/// sums pass through the aggregation's 24-bit fixed point). Early stopping stops where FATE's rule on that plaintext
/// curve does, every party keeps the best round's model, and a resumed run repeats it bit for bit. Breast rows: the
/// guest's and the host's first 160 train and the rest validate; a second host trains on the test table and has no
/// validate_data.
/// </summary>
public class ValidationTests
{
    private const double SameModel = 1e-12;
    private const double FixedPoint = 1e-6;

    private static readonly HomoLrFactory Factory = new(new HomoLrOptions { LearningRate = 0.05, BatchSize = 32 });

    private static readonly HorizontalData[] Train =
    [
        HomoCsv.Read("breast_homo_guest.csv").Take(0, 160), HomoCsv.Read("breast_homo_host.csv").Take(0, 160), HomoCsv.Read("breast_homo_test.csv"),
    ];

    private static HorizontalData?[] Validate(bool flip = false) =>
    [
        Rest(HomoCsv.Read("breast_homo_guest.csv"), flip), Rest(HomoCsv.Read("breast_homo_host.csv"), flip), null,
    ];

    private static HorizontalData Rest(HorizontalData data, bool flip)
    {
        var rest = data.Take(160, data.RowCount - 160);
        return flip ? rest with { Labels = [.. rest.Labels.Select(y => 1 - y)] } : rest;
    }

    [Theory]
    [InlineData(AggregationKind.Plain)]
    [InlineData(AggregationKind.SecureAggregation)]
    [InlineData(AggregationKind.Paillier)]
    public async Task Each_validation_equals_a_plaintext_evaluation_of_that_rounds_global_model(AggregationKind aggregation)
    {
        var settings = Settings(aggregation, rounds: 3) with { Validation = new ValidationOptions { Metrics = ["auc", "loss"] } };
        var validate = Validate();
        var run = await HomoFederation.RunAsync(settings, Train, Factory, validation: validate);

        var aggregate = (await run.Arbiter).Validation!;
        Assert.Equal([1, 2, 3], aggregate.Select(p => p.Epoch));
        Assert.Empty((await run.Clients[2]).Validation!);
        for (var round = 1; round <= 3; round++)
        {
            var model = await GlobalAfterAsync(settings, round);
            var (loss, auc, weight) = (0.0, 0.0, 0.0);
            for (var c = 0; c < 2; c++)
            {
                var (ownLoss, ownAuc) = Plaintext(model, validate[c]!);
                var point = (await run.Clients[c]).Validation![round - 1];
                Assert.Equal(round, point.Epoch);
                Assert.Equal(ownLoss, point.Metrics["loss"], SameModel);
                Assert.Equal(ownAuc, point.Metrics["auc"], SameModel);
                (loss, auc, weight) = (loss + (validate[c]!.RowCount * ownLoss), auc + (validate[c]!.RowCount * ownAuc), weight + validate[c]!.RowCount);
            }
            Assert.Equal(loss / weight, aggregate[round - 1].Metrics["loss"], FixedPoint);
            Assert.Equal(auc / weight, aggregate[round - 1].Metrics["auc"], FixedPoint);
            // The mean loss is the loss on the pooled validation rows.
            Assert.Equal(Plaintext(model, HorizontalData.Union([validate[0]!, validate[1]!])).Loss, aggregate[round - 1].Metrics["loss"], FixedPoint);
        }
        Assert.Null((await run.Arbiter).BestRound);
    }

    /// <summary>Under central DP the clients decode every Paillier sum as holding the arbiter's noise term; a validation's holds a zero one.</summary>
    [Fact]
    public async Task Under_central_dp_and_paillier_the_arbiters_validation_is_still_the_weighted_mean_of_the_clients()
    {
        var settings = Settings(AggregationKind.Paillier, rounds: 2) with { Dp = new DpSettings(DpMode.Central, 1, 0.5, null, 1e-5) };
        var validate = Validate();
        var run = await HomoFederation.RunAsync(settings, Train, Factory, validation: validate);

        var aggregate = (await run.Arbiter).Validation!;
        for (var r = 0; r < 2; r++)
        {
            var (guest, host) = ((await run.Clients[0]).Validation![r].Metrics["loss"], (await run.Clients[1]).Validation![r].Metrics["loss"]);
            var mean = ((validate[0]!.RowCount * guest) + (validate[1]!.RowCount * host)) / (validate[0]!.RowCount + validate[1]!.RowCount);
            Assert.Equal(mean, aggregate[r].Metrics["loss"], FixedPoint);
        }
    }

    [Fact]
    public async Task Early_stopping_stops_where_the_plaintext_rule_does_and_every_party_keeps_the_best_rounds_model()
    {
        // Validation labels flipped: the better the model fits, the worse it validates, so the curve turns early.
        var settings = Settings(AggregationKind.SecureAggregation, rounds: 10) with { Validation = new ValidationOptions { EarlyStoppingRounds = 2 } };
        var validate = Validate(flip: true);
        var run = await HomoFederation.RunAsync(settings, Train, Factory, validation: validate);

        var arbiter = await run.Arbiter;
        var ran = arbiter.Rounds.Count;
        Assert.True(ran < settings.Rounds, $"early stopping should end training before round {settings.Rounds}; it ran {ran}");
        var plaintext = new List<double>();
        for (var round = 1; round <= ran; round++)
        {
            var model = await GlobalAfterAsync(settings, round);
            var rows = HorizontalData.Union([validate[0]!, validate[1]!]);
            plaintext.Add(Plaintext(model, rows).Loss);
        }
        var (stopAt, best) = PlaintextEarlyStopping.Rule(plaintext, patience: 2);
        Assert.Equal(ran, stopAt);
        Assert.Equal(best, arbiter.BestRound);
        var kept = (await GlobalAfterAsync(settings, best)).GetParameters();
        Assert.Equal(kept, arbiter.Global);
        foreach (var client in run.Clients)
        {
            Assert.Equal(best, (await client).BestRound);
            Assert.Equal(kept, (await client).Model.GetParameters());
        }
        Assert.NotEqual(kept, (await GlobalAfterAsync(settings, ran)).GetParameters());
    }

    [Theory]
    [InlineData(AggregationKind.SecureAggregation)]
    [InlineData(AggregationKind.Paillier)]
    public async Task A_run_resumed_mid_training_validates_stops_and_keeps_the_best_exactly_as_an_uninterrupted_one(AggregationKind aggregation)
    {
        var settings = Settings(aggregation, rounds: 8) with { Validation = new ValidationOptions { EarlyStoppingRounds = 2, Metrics = ["loss", "auc"] } };
        var stores = new Dictionary<int, Dictionary<long, byte[]>>();
        Dictionary<long, byte[]> StoreOf(int id)
        {
            lock (stores)
            {
                return stores.TryGetValue(id, out var s) ? s : stores[id] = [];
            }
        }
        var full = await HomoFederation.RunAsync(settings, Train, Factory, id => new MemoryCheckpoints(2, null, StoreOf(id)), Validate(flip: true));
        var resumed = await HomoFederation.RunAsync(settings, Train, Factory, id => new MemoryCheckpoints(2, 2, new Dictionary<long, byte[]>(stores[id])), Validate(flip: true));

        var (expected, actual) = (await full.Arbiter, await resumed.Arbiter);
        Assert.True(expected.Rounds.Count is > 2 and < 8, $"the run should stop early after the checkpoint it resumes from; it ran {expected.Rounds.Count} rounds");
        Assert.Equal(expected.Global, actual.Global);
        Assert.Equal(expected.BestRound, actual.BestRound);
        Assert.Equal(expected.Validation!.Select(p => p.Metrics.ToArray()), actual.Validation!.Select(p => p.Metrics.ToArray()));
        for (var c = 0; c < Train.Length; c++)
        {
            var (before, after) = (await full.Clients[c], await resumed.Clients[c]);
            Assert.Equal(before.Model.GetParameters(), after.Model.GetParameters());
            Assert.Equal(before.BestRound, after.BestRound);
            Assert.Equal(before.Validation!.Select(p => p.Metrics.ToArray()), after.Validation!.Select(p => p.Metrics.ToArray()));
        }
    }

    [Fact]
    public async Task A_metric_that_does_not_fit_the_agreed_classes_is_refused_before_round_0()
    {
        var data = new[] { HomoCsv.Read("vehicle_scale_homo_guest.csv"), HomoCsv.Read("vehicle_scale_homo_host.csv") };
        var settings = Settings(AggregationKind.Plain, rounds: 2) with { Validation = new ValidationOptions { Metrics = ["auc"] } };
        var run = HomoFederation.Start(settings, data, _ => Factory, validation: [data[0].Take(0, 20), null]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => run.Arbiter);
        Assert.Equal("metrics: validation metric \"auc\" does not fit a multi-class model; it takes loss, accuracy", error.Message);
        Assert.Contains("the arbiter refused to start training: metrics", (await Assert.ThrowsAsync<FederationException>(() => run.Clients[1])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Early_stopping_with_no_client_validating_is_refused_before_round_0()
    {
        var settings = Settings(AggregationKind.Plain, rounds: 2) with { Validation = new ValidationOptions { EarlyStoppingRounds = 3 } };
        var run = HomoFederation.Start(settings, Train, _ => Factory);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => run.Arbiter);
        Assert.Equal("early_stopping_rounds is 3, but no client has validate_data to stop on", error.Message);
    }

    private static HomoSettings Settings(AggregationKind aggregation, int rounds) =>
        new() { Rounds = rounds, Aggregation = aggregation, KeyBits = 1024, Seed = 11 };

    /// <summary>The global model after <paramref name="rounds"/> rounds: the final model of the same run, without validation, stopped there.</summary>
    private static async Task<ILocalModel> GlobalAfterAsync(HomoSettings settings, int rounds)
    {
        var run = await HomoFederation.RunAsync(settings with { Rounds = rounds, Validation = new ValidationOptions() }, Train, Factory);
        return (await run.Clients[0]).Model;
    }

    /// <summary>The mean log loss and the AUC of <paramref name="model"/> on <paramref name="rows"/>, written out.</summary>
    private static (double Loss, double Auc) Plaintext(ILocalModel model, HorizontalData rows)
    {
        var p = rows.Rows.Select(r => model.Predict(r)[0]).ToArray();
        var loss = p.Select((q, i) => -((rows.Labels[i] * Math.Log(q)) + ((1 - rows.Labels[i]) * Math.Log(1 - q)))).Average();
        return (loss, Metrics.Auc(p, rows.Labels));
    }
}
