using Concord.ML.Horizontal;
using Concord.ML.Neural;
using Concord.ML.Neural.Definition;

namespace Concord.ML.Tests.Neural;

/// <summary>Training as a whole: it learns, it repeats bit for bit under a seed, FedProx and DP-SGD do what they say.</summary>
public class TrainingTests
{
    private static NeuralTrainingData Xor()
    {
        return NeuralTrainingData.FromRows(2, [[0, 0], [0, 1], [1, 0], [1, 1]], [0, 1, 1, 0]);
    }

    /// <summary>Three Gaussian blobs in 4 dimensions, 40 rows each, centres 3 apart.</summary>
    internal static NeuralTrainingData Blobs(int seed, int perClass = 40)
    {
        var random = new Random(seed);
        // Box–Muller: one standard normal from two uniforms.
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var rows = new List<double[]>();
        var labels = new List<double>();
        for (var k = 0; k < 3; k++)
        {
            for (var i = 0; i < perClass; i++)
            {
                rows.Add([.. Enumerable.Range(0, 4).Select(j => (j == k ? 3 : 0) + Normal())]);
                labels.Add(k);
            }
        }
        return NeuralTrainingData.FromRows(4, rows, [.. labels]);
    }

    internal static NeuralModelDefinition Classifier(int classes, double dropout = 0.1, NeuralOptimizerKind optimizer = NeuralOptimizerKind.Adam, int batch = 16) =>
        new NeuralModelDefinition(
            [LayerDefinition.Dense(16), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dropout(dropout), LayerDefinition.Dense(classes), LayerDefinition.Of(LayerKind.Softmax)],
            Optimizer: optimizer, LearningRate: optimizer == NeuralOptimizerKind.Adam ? 0.01 : 0.05, Momentum: 0.9, BatchSize: batch).Validate();

    private static LocalTrainingRequest Request(ILocalModel model, int epochs, long seed, double mu = 0, DpSgdSettings? dp = null) =>
        new(epochs, mu, model.GetParameters(), dp, seed);

    private static double Accuracy(NeuralLocalModel model, NeuralTrainingData data) =>
        Enumerable.Range(0, data.Rows).Count(i => NeuralOutput.PredictedClass(model.Predict(data.Features.Row(i))) == (int)data.Targets[i]) / (double)data.Rows;

    [Fact]
    public void Learns_xor_which_no_linear_model_can()
    {
        var definition = new NeuralModelDefinition(
            [LayerDefinition.Dense(8), LayerDefinition.Of(LayerKind.Tanh), LayerDefinition.Dense(1), LayerDefinition.Of(LayerKind.Sigmoid)],
            LearningRate: 0.05, BatchSize: -1).Validate();
        var data = Xor();
        var model = new NeuralLocalModel(definition, data, seed: 1);
        var report = model.Train(Request(model, 600, 2), CancellationToken.None);
        Assert.Equal(1.0, Accuracy(model, data));
        Assert.True(report.Loss < 0.05, $"final loss {report.Loss}");
        Assert.Equal(600, report.Steps);
    }

    [Theory]
    [InlineData(NeuralOptimizerKind.Adam)]
    [InlineData(NeuralOptimizerKind.Sgd)]
    public void Separates_three_classes_it_has_not_seen(NeuralOptimizerKind optimizer)
    {
        var model = new NeuralLocalModel(Classifier(3, optimizer: optimizer), Blobs(1), seed: 3);
        var report = model.Train(Request(model, 30, 4), CancellationToken.None);
        Assert.True(Accuracy(model, Blobs(2)) >= 0.9, $"held-out accuracy {Accuracy(model, Blobs(2))}");
        Assert.Equal(120, report.SampleCount);
        Assert.Equal(30 * 8, report.Steps);
        Assert.Equal(16 / 120.0, report.SamplingRate, 12);
    }

    [Fact]
    public void The_same_seed_gives_bit_identical_training_with_dropout_and_fedprox()
    {
        double[] Run(long initSeed, long trainSeed)
        {
            var model = new NeuralLocalModel(Classifier(3, dropout: 0.3), Blobs(1), initSeed);
            model.Train(Request(model, 3, trainSeed, mu: 0.1), CancellationToken.None);
            model.Train(Request(model, 2, trainSeed + 1), CancellationToken.None);
            return model.GetParameters();
        }
        var first = Run(5, 6);
        Assert.Equal(first, Run(5, 6));
        Assert.NotEqual(first, Run(5, 7));
        Assert.NotEqual(first, Run(8, 6));
    }

    [Fact]
    public void Parameters_round_trip_and_a_wrong_length_is_refused()
    {
        var model = new NeuralLocalModel(Classifier(3), Blobs(1), seed: 1);
        Assert.Equal((4 * 16) + 16 + (16 * 3) + 3, model.ParameterCount);
        var p = model.GetParameters().Select(v => v * 2).ToArray();
        model.SetParameters(p);
        Assert.Equal(p, model.GetParameters());
        var ex = Assert.Throws<ArgumentException>(() => model.SetParameters(new double[5]));
        Assert.Contains("131", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Predict_gives_class_probabilities_or_p_of_one_for_two_classes()
    {
        var three = new NeuralLocalModel(Classifier(3), Blobs(1), seed: 1);
        var p = three.Predict([1, 2, 3, 4]);
        Assert.Equal(3, p.Length);
        Assert.Equal(1, p.Sum(), 12);
        var twoClassData = NeuralTrainingData.FromRows(2, [[0, 1], [1, 1], [2, 0], [3, 0]], [0, 1, 0, 1]);
        var two = new NeuralLocalModel(Classifier(2), twoClassData, seed: 1);
        Assert.Single(two.Predict([1, 1]));
        Assert.Throws<ArgumentException>(() => two.Predict([1, 1, 1]));
    }

    [Fact]
    public void A_large_proximal_term_holds_the_model_near_the_global_one()
    {
        var free = new NeuralLocalModel(Classifier(3, dropout: 0), Blobs(1), seed: 1);
        var held = new NeuralLocalModel(Classifier(3, dropout: 0), Blobs(1), seed: 1);
        var global = free.GetParameters();
        free.Train(Request(free, 5, 2), CancellationToken.None);
        held.Train(new LocalTrainingRequest(5, 50, global, null, 2), CancellationToken.None);
        static double Distance(double[] a, double[] b) => Math.Sqrt(a.Zip(b).Sum(p => (p.First - p.Second) * (p.First - p.Second)));
        Assert.True(Distance(held.GetParameters(), global) < 0.2 * Distance(free.GetParameters(), global),
            $"held moved {Distance(held.GetParameters(), global)}, free {Distance(free.GetParameters(), global)}");
    }

    [Fact]
    public void The_proximal_gradient_is_mu_times_the_distance_from_the_global_model()
    {
        // Plain SGD with rate η and μ on a model whose data gradient is the same in both runs: the difference of the
        // two updates is η·μ·(w − w_global), coordinate by coordinate.
        var definition = Classifier(3, dropout: 0, optimizer: NeuralOptimizerKind.Sgd, batch: -1) with { Momentum = 0 };
        var plain = new NeuralLocalModel(definition, Blobs(1), seed: 1);
        var proximal = new NeuralLocalModel(definition, Blobs(1), seed: 1);
        var start = plain.GetParameters();
        var global = start.Select((w, j) => w + Math.Sin(j)).ToArray();
        plain.Train(new LocalTrainingRequest(1, 0, global, null, 1), CancellationToken.None);
        proximal.Train(new LocalTrainingRequest(1, 0.5, global, null, 1), CancellationToken.None);
        var after = proximal.GetParameters();
        var plainAfter = plain.GetParameters();
        for (var j = 0; j < start.Length; j++)
        {
            Assert.Equal(-definition.LearningRate * 0.5 * (start[j] - global[j]), after[j] - plainAfter[j], 12);
        }
    }

    [Fact]
    public void Dp_sgd_without_noise_and_with_a_loose_clip_is_ordinary_training()
    {
        var plain = new NeuralLocalModel(Classifier(3, dropout: 0), Blobs(1), seed: 1);
        var dp = new NeuralLocalModel(Classifier(3, dropout: 0), Blobs(1), seed: 1);
        plain.Train(Request(plain, 2, 9), CancellationToken.None);
        dp.Train(Request(dp, 2, 9, dp: new DpSgdSettings(1e6, 0)), CancellationToken.None);
        Assert.Equal(plain.GetParameters(), dp.GetParameters(), (a, b) => Math.Abs(a - b) < 1e-9);
    }

    [Fact]
    public void Dp_sgd_clips_each_sample_to_c_and_adds_noise_of_deviation_sigma_c_over_the_batch()
    {
        // Plain SGD with rate 1 and no momentum moves the weights by exactly the privatised gradient.
        var definition = Classifier(3, dropout: 0, optimizer: NeuralOptimizerKind.Sgd, batch: 20) with { Momentum = 0, LearningRate = 1 };
        var one = new NeuralTrainingData(Blobs(1).Features.Gather([0]), [0.0]);
        var free = new NeuralLocalModel(definition, one, seed: 1);
        var clipped = new NeuralLocalModel(definition, one, seed: 1);
        var before = clipped.GetParameters();
        free.Train(Request(free, 1, 3), CancellationToken.None);
        clipped.Train(Request(clipped, 1, 3, dp: new DpSgdSettings(1e-3, 0)), CancellationToken.None);
        // One sample, one step: unclipped it moves by its whole gradient; clipped, by exactly C.
        var freeMove = Norm([.. free.GetParameters().Zip(before, (a, b) => a - b)]);
        Assert.True(freeMove > 0.01, $"the raw gradient norm {freeMove} was expected above C");
        Assert.Equal(1e-3, Norm([.. clipped.GetParameters().Zip(before, (a, b) => a - b)]), 12);

        // One full-batch step with and without noise: the difference is the noise over the batch, N(0, (σC/120)²) per
        // coordinate. The noise comes from the OS CSPRNG, so this is a statistical test: over 1,603 coordinates the
        // sample deviation is within ±2% of σC/120 (one standard error), and the bounds are ten times that.
        var wide = definition with { BatchSize = -1, Layers = [LayerDefinition.Dense(200), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dense(3), LayerDefinition.Of(LayerKind.Softmax)] };
        var quiet = new NeuralLocalModel(wide, Blobs(1), seed: 1);
        var noisy = new NeuralLocalModel(wide, Blobs(1), seed: 1);
        quiet.Train(Request(quiet, 1, 3, dp: new DpSgdSettings(1e-3, 0)), CancellationToken.None);
        noisy.Train(Request(noisy, 1, 3, dp: new DpSgdSettings(1e-3, 2.0)), CancellationToken.None);
        var noise = noisy.GetParameters().Zip(quiet.GetParameters(), (a, b) => a - b).ToArray();
        Assert.Equal(1603, noise.Length);
        var deviation = Math.Sqrt(noise.Select(v => v * v).Average());
        var expected = 2.0 * 1e-3 / 120;
        Assert.InRange(deviation, 0.8 * expected, 1.2 * expected);
        Assert.InRange(noise.Average(), -0.2 * expected, 0.2 * expected);
    }

    [Fact]
    public void Dp_sgd_noise_is_fresh_each_time_not_derived_from_the_seed()
    {
        double[] Run()
        {
            var model = new NeuralLocalModel(Classifier(3, dropout: 0), Blobs(1), 1);
            model.Train(Request(model, 1, 5, dp: new DpSgdSettings(1.0, 1.0)), CancellationToken.None);
            return model.GetParameters();
        }
        Assert.NotEqual(Run(), Run());
    }

    [Fact]
    public void Sample_weights_scale_each_rows_pull_and_are_the_fedavg_weight()
    {
        // Weight 2 on every row is the same weighted mean as weight 1; the report's sample count doubles.
        var data = Blobs(1);
        var doubled = data with { Weights = [.. Enumerable.Repeat(2.0, data.Rows)] };
        var plain = new NeuralLocalModel(Classifier(3, dropout: 0), data, 1);
        var weighted = new NeuralLocalModel(Classifier(3, dropout: 0), doubled, 1);
        var report = weighted.Train(Request(weighted, 2, 4), CancellationToken.None);
        plain.Train(Request(plain, 2, 4), CancellationToken.None);
        Assert.Equal(240, report.SampleCount);
        Assert.Equal(plain.GetParameters(), weighted.GetParameters(), (a, b) => Math.Abs(a - b) < 1e-12);

        // Weight 0 on class 2 leaves it unlearned: its rows are no longer predicted as class 2.
        var ignored = data with { Weights = [.. data.Targets.Select(y => y == 2 ? 0.0 : 1.0)] };
        var blind = new NeuralLocalModel(Classifier(3, dropout: 0), ignored, 1);
        blind.Train(Request(blind, 30, 4), CancellationToken.None);
        Assert.True(Enumerable.Range(80, 40).Count(i => NeuralOutput.PredictedClass(blind.Predict(data.Features.Row(i))) == 2) < 10);
    }

    private static double Norm(double[] v) => Math.Sqrt(v.Sum(x => x * x));
}
