using Concord.ML.Neural;
using Concord.ML.Neural.Definition;
using Concord.ML.Neural.Layers;
using Concord.ML.Neural.Losses;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Neural;

/// <summary>Each loss's gradient against finite differences, and whole networks (loss included) end to end.</summary>
public class LossGradientTests
{
    private const double Tolerance = 1e-6;

    private static double MaxError(ILoss loss, Tensor output, double[] targets)
    {
        var gradient = output.ZerosLike();
        loss.Total(output, targets, gradient);
        double Objective() => loss.Total(output, targets, output.ZerosLike());
        return Enumerable.Range(0, output.Data.Length).Max(i => GradientCheck.Gap(gradient.Data[i], GradientCheck.Numeric(output.Data, i, Objective)));
    }

    /// <summary>The loss gradient holds for any seed of the case <paramref name="make"/> draws.</summary>
    private static void Holds(Func<Random, (ILoss Loss, Tensor Output, double[] Targets)> make) =>
        Prop.ForAll(Gen.Choose(0, int.MaxValue).ToArbitrary(), seed =>
        {
            var (loss, output, targets) = make(new Random(seed));
            return MaxError(loss, output, targets) < Tolerance;
        }).QuickCheckThrowOnFailure();

    [Theory]
    [InlineData(2)]
    [InlineData(5)]
    public void Cross_entropy_over_softmax_probabilities(int classes) => Holds(random =>
    {
        var logits = GradientCheck.RandomBatch(random, 4, Shape.Vector(classes), 3);
        var probabilities = new SoftmaxLayer(logits.Shape).Forward(logits, ForwardPass.Inference);
        return (new CrossEntropyLoss(), probabilities, [.. Enumerable.Range(0, 4).Select(_ => (double)random.Next(classes))]);
    });

    [Fact]
    public void Binary_cross_entropy_over_one_probability() => Holds(random =>
        (new CrossEntropyLoss(),
            new Tensor(5, Shape.Vector(1), [.. Enumerable.Range(0, 5).Select(_ => 0.05 + (0.9 * random.NextDouble()))]),
            [.. Enumerable.Range(0, 5).Select(_ => (double)random.Next(2))]));

    [Fact]
    public void Mean_squared_error() => Holds(random =>
        (new MeanSquaredErrorLoss(), GradientCheck.RandomBatch(random, 5, Shape.Vector(1), 10), [.. Enumerable.Range(0, 5).Select(_ => random.NextDouble() * 10)]));

    [Fact]
    public void Softmax_then_cross_entropy_back_propagates_probabilities_minus_one_hot()
    {
        var logits = new Tensor(1, Shape.Vector(3), [0.5, -1, 2]);
        var softmax = new SoftmaxLayer(logits.Shape);
        var p = softmax.Forward(logits, ForwardPass.Inference);
        var g = p.ZerosLike();
        new CrossEntropyLoss().Total(p, [1.0], g);
        var dx = softmax.Backward(g);
        Assert.Equal([p.Data[0], p.Data[1] - 1, p.Data[2]], dx.Data, (a, b) => Math.Abs(a - b) < 1e-14);
    }

    [Fact]
    public void A_whole_network_with_its_loss_matches_finite_differences_in_every_parameter()
    {
        var cases = new (LayerDefinition[] Layers, LossKind Loss, Func<Random, double> Label)[]
        {
            ([LayerDefinition.Dense(5), LayerDefinition.Of(LayerKind.Tanh), LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Relu), LayerDefinition.Dense(3), LayerDefinition.Of(LayerKind.Softmax)],
                LossKind.CrossEntropy, r => r.Next(3)),
            ([LayerDefinition.Dense(4), LayerDefinition.Of(LayerKind.Sigmoid), LayerDefinition.Dense(1), LayerDefinition.Of(LayerKind.Sigmoid)], LossKind.CrossEntropy, r => r.Next(2)),
            ([LayerDefinition.Dense(6), LayerDefinition.Of(LayerKind.Tanh), LayerDefinition.Dropout(0.3), LayerDefinition.Dense(1)], LossKind.Mse, r => r.NextDouble()),
        };
        foreach (var (layers, lossKind, label) in cases)
        {
            var random = new Random(11);
            var definition = new NeuralModelDefinition(layers, lossKind).Validate();
            var network = definition.Build(3);
            network.Initialize(7);
            var x = GradientCheck.RandomBatch(random, 6, Shape.Vector(3));
            var y = Enumerable.Range(0, 6).Select(_ => label(random)).ToArray();
            var loss = definition.CreateLoss();
            double Objective()
            {
                var output = network.Forward(x, new ForwardPass(true, new Random(3)));
                return loss.Total(output, y, output.ZerosLike());
            }
            var output = network.Forward(x, new ForwardPass(true, new Random(3)));
            var g = output.ZerosLike();
            loss.Total(output, y, g);
            network.ZeroGradients();
            network.Backward(g);
            var analytic = network.Gradients.ToArray();
            var parameters = new double[network.ParameterCount];
            for (var j = 0; j < parameters.Length; j++)
            {
                var values = network.Parameters;
                var saved = values[j];
                values[j] = saved + 1e-6;
                var up = Objective();
                network.Parameters[j] = saved - 1e-6;
                var down = Objective();
                network.Parameters[j] = saved;
                Assert.True(GradientCheck.Gap(analytic[j], (up - down) / 2e-6) < Tolerance, $"{lossKind} network, parameter {j}: {analytic[j]} vs {(up - down) / 2e-6}");
            }
        }
    }
}
