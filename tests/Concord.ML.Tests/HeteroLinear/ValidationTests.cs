using Concord.Federation;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.ML.LocalBaseline;
using Concord.ML.Validation;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>
/// validate_data in the vertical GLMs: each validation equals a plaintext evaluation, on the validation rows, of the
/// LocalBaseline trained for as many epochs (loss within 1e-5, AUC within 1e-3, RMSE within 1e-4 relative: the
/// weights agree within the protocol's 2e-5 fixed-point tolerance), early stopping stops where the rule applied to the
/// recorded curve does and keeps the best epoch's model at every party, and a resumed run repeats it bit for bit.
/// Breast rows 0–199 train and 200–299 validate.
/// </summary>
public class ValidationTests
{
    private const double LossTolerance = 1e-5;
    private const double AucTolerance = 1e-3;

    private static readonly Split Breast = new(BreastGuest, BreastHost, 200, 100);

    [Fact]
    public async Task Each_validation_of_logistic_regression_equals_a_plaintext_evaluation_of_the_baseline_after_that_epoch()
    {
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 4, Optimizer = OptimizerKind.Sgd, LearningRate = 0.3, Tol = 0 };
        var validation = new ValidationOptions { Metrics = ["auc", "ks", "loss"] };
        var run = await HeteroLinearFederation.RunAsync(new(options, 1024, validation), Breast.Guest(), [Breast.Host()]);

        var points = (await run.Guest).Validation!;
        Assert.Equal([1, 2, 3, 4], points.Select(p => p.Epoch));
        foreach (var point in points)
        {
            var predictions = Breast.BaselinePredictions(options with { MaxIter = point.Epoch });
            var labels = Breast.ValidationLabels;
            Assert.Equal(Metrics.Auc(predictions, labels), point.Metrics["auc"], AucTolerance);
            var logLoss = predictions.Select((p, i) => -((labels[i] * Math.Log(p)) + ((1 - labels[i]) * Math.Log(1 - p)))).Average();
            Assert.Equal(logLoss, point.Metrics["loss"], LossTolerance);
            Assert.InRange(point.Metrics["ks"], 0, 1);
        }
        Assert.True(points[^1].Metrics["loss"] < points[0].Metrics["loss"], "held-out rows of the same data should fit better with training");
    }

    [Fact]
    public async Task Linear_regression_validates_every_second_epoch_with_the_baselines_rmse()
    {
        var guest = HeteroSide.Read("motor_hetero_guest.csv", "motor_speed");
        var host = HeteroSide.Read("motor_hetero_host.csv");
        var motor = new Split(guest, host, 150, 60);
        var options = new LinearOptions { Task = LinearTask.Linear, MaxIter = 4, Optimizer = OptimizerKind.Adam, LearningRate = 0.1, Tol = 0 };
        var validation = new ValidationOptions { ValidationFreqs = 2, Metrics = ["rmse"] };
        var run = await HeteroLinearFederation.RunAsync(new(options, 1024, validation), motor.Guest(), [motor.Host()]);

        var points = (await run.Guest).Validation!;
        Assert.Equal([2, 4], points.Select(p => p.Epoch));
        foreach (var point in points)
        {
            var predictions = motor.BaselinePredictions(options with { MaxIter = point.Epoch });
            var rmse = Metrics.Rmse(predictions, motor.ValidationLabels);
            Assert.Equal(rmse, point.Metrics["rmse"], rmse * 1e-4);
            var halfMse = predictions.Select((p, i) => 0.5 * (p - motor.ValidationLabels[i]) * (p - motor.ValidationLabels[i])).Average();
            Assert.Equal(halfMse, point.Metrics["loss"], halfMse * 1e-4);
        }
    }

    [Fact]
    public async Task Early_stopping_stops_every_party_where_the_rule_on_the_curve_does_and_keeps_the_best_epochs_model()
    {
        // Validation labels flipped: the better the model fits, the worse it validates, so the curve turns early.
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 8, Optimizer = OptimizerKind.Sgd, LearningRate = 0.3, Tol = 0 };
        var validation = new ValidationOptions { EarlyStoppingRounds = 2 };
        var run = await HeteroLinearFederation.RunAsync(new(options, 1024, validation), Breast.Guest(flipValidation: true), [Breast.Host()]);

        var guest = await run.Guest;
        var losses = guest.Validation!.Select(p => p.Metrics["loss"]).ToList();
        var (stop, best) = PlaintextEarlyStopping.Rule(losses, patience: 2);
        var stopAt = stop ?? losses.Count;
        Assert.True(stopAt < options.MaxIter, $"the rule on the curve stops at {stopAt}: this test needs an early stop");
        Assert.Equal([stopAt], guest.Epochs);
        Assert.Equal(stopAt, (await run.Arbiter).Count);
        Assert.Equal([best], guest.BestEpochs!);
        // Every party ends with its share of the best epoch: the baseline after that many epochs, not after the last.
        var kept = await run.JoinedWeightsAsync();
        var baseline = LocalLinearTrainer.Fit(Breast.TrainColumns, Breast.TrainLabels, options with { MaxIter = best });
        AssertClose(baseline.Weights, kept, 2e-5);
        var last = LocalLinearTrainer.Fit(Breast.TrainColumns, Breast.TrainLabels, options with { MaxIter = stopAt });
        Assert.True(Math.Abs(last.Weights[0][0] - kept[0][0]) > 1e-3, "the kept model should not be the last epoch's");
    }

    [Fact]
    public async Task A_run_resumed_mid_training_validates_stops_and_keeps_the_best_exactly_as_an_uninterrupted_one()
    {
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 8, Optimizer = OptimizerKind.Adam, LearningRate = 0.2, Tol = 0 };
        var settings = new HeteroLinearSettings(options, 1024, new ValidationOptions { EarlyStoppingRounds = 2, Metrics = ["loss", "auc"] });
        var stores = new Dictionary<int, Dictionary<long, byte[]>>();
        var full = await HeteroLinearFederation.RunAsync(settings, Breast.Guest(flipValidation: true), [Breast.Host()],
            id => new MemoryCheckpoints(1, null, stores.TryGetValue(id, out var s) ? s : stores[id] = []));
        var resumed = await HeteroLinearFederation.RunAsync(settings, Breast.Guest(flipValidation: true), [Breast.Host()],
            id => new MemoryCheckpoints(1, 2, new Dictionary<long, byte[]>(stores[id])));

        var (expected, actual) = (await full.Guest, await resumed.Guest);
        Assert.Equal(await full.JoinedWeightsAsync(), await resumed.JoinedWeightsAsync());
        Assert.Equal(expected.Epochs, actual.Epochs);
        Assert.Equal(expected.BestEpochs, actual.BestEpochs);
        Assert.Equal(expected.Validation!.Select(p => p.Metrics.ToArray()), actual.Validation!.Select(p => p.Metrics.ToArray()));
        Assert.True(expected.Epochs[0] < 8, "the curve should have stopped the run early");
    }

    [Fact]
    public async Task Validation_rows_in_another_order_at_the_host_stop_every_party_naming_the_host_and_validate_data()
    {
        var options = new LinearOptions { Task = LinearTask.Logistic, MaxIter = 1, EarlyStop = EarlyStopKind.WeightDiff };
        var host = Breast.Host();
        var shuffled = host with { Validation = host.Validation! with { Ids = [.. host.Validation.Ids.Reverse()] } };
        var run = HeteroLinearFederation.Start(new(options, 1024, new ValidationOptions()), Breast.Guest(), [shuffled]);
        var message = (await Assert.ThrowsAsync<ArgumentException>(() => run.Guest)).Message;
        Assert.Contains($"party host:{HeteroLinearFederation.FirstHostId}'s validate_data rows are not aligned", message, StringComparison.Ordinal);
        Assert.Contains("validate_data", (await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_metric_that_does_not_fit_the_task_is_refused_by_the_settings()
    {
        var settings = new HeteroLinearSettings(new LinearOptions { Task = LinearTask.Linear }, 1024, new ValidationOptions { Metrics = ["auc"] });
        var error = Assert.Throws<ArgumentException>(() => settings.Validate(1));
        Assert.Contains("\"auc\" does not fit a regression model", error.Message, StringComparison.Ordinal);
    }

    /// <summary>The first <paramref name="train"/> rows to train on and the next <paramref name="validate"/> to validate on, scaled by the training rows.</summary>
    private sealed class Split(HeteroSide guest, HeteroSide host, int train, int validate)
    {
        private static PreparedFeatures Fit(NumericColumns raw, int from, int count) =>
            PreparedFeatures.Fit(Rows(raw, from, count), standardize: false, keepConstant: false, _ => { });

        private static NumericColumns Rows(NumericColumns raw, int from, int count) =>
            new([.. raw.Names], [.. Enumerable.Range(0, raw.ColumnCount).Select(j => raw[j].Slice(from, count).ToArray())]);

        private readonly PreparedFeatures _guestTrain = Fit(guest.Raw, 0, train);
        private readonly PreparedFeatures _hostTrain = Fit(host.Raw, 0, train);

        private PreparedFeatures GuestValidation => PreparedFeatures.Apply(Rows(guest.Raw, train, validate), _guestTrain.Names, _guestTrain.Means, _guestTrain.Scales);

        private PreparedFeatures HostValidation => PreparedFeatures.Apply(Rows(host.Raw, train, validate), _hostTrain.Names, _hostTrain.Means, _hostTrain.Scales);

        public double[] TrainLabels => guest.Labels![..train];

        public double[] ValidationLabels => guest.Labels![train..(train + validate)];

        public double[][] TrainColumns => [.. _guestTrain.Columns, .. _hostTrain.Columns];

        public GuestTrainingData Guest(bool flipValidation = false) =>
            new(guest.Ids[..train], _guestTrain, TrainLabels, "y",
                Validation: new(guest.Ids[train..(train + validate)], GuestValidation, flipValidation ? [.. ValidationLabels.Select(y => 1 - y)] : ValidationLabels));

        public HostTrainingData Host() => new(host.Ids[..train], _hostTrain, new(host.Ids[train..(train + validate)], HostValidation));

        /// <summary>The LocalBaseline trained on the joined training rows, its link applied to the joined validation rows.</summary>
        public double[] BaselinePredictions(LinearOptions options)
        {
            var fit = LocalLinearTrainer.Fit(TrainColumns, TrainLabels, options);
            var wx = LocalLinearTrainer.LinearPredictor([.. GuestValidation.Columns, .. HostValidation.Columns], fit.Weights[0], validate);
            return [.. wx.Select(z => Residuals.Predict(options.Task, z, 1))];
        }
    }
}
