using Concord.ML.Neural;
using Concord.ML.Neural.Layers;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Neural;

/// <summary>Every layer's backward pass against finite differences, over random shapes, inputs and parameters.</summary>
public class LayerGradientTests
{
    private const double Tolerance = 1e-6;

    private static readonly Arbitrary<(int Seed, int Rows, int Width, int Units)> Cases =
        (from seed in Gen.Choose(0, int.MaxValue)
         from rows in Gen.Choose(1, 4)
         from width in Gen.Choose(1, 7)
         from units in Gen.Choose(1, 6)
         select (seed, rows, width, units)).ToArbitrary();

    private static void Check(Func<Shape, int, ILayer> make, double inputScale = 2) =>
        Prop.ForAll(Cases, c =>
        {
            var random = new Random(c.Seed);
            var shape = Shape.Vector(c.Width);
            var input = GradientCheck.RandomBatch(random, c.Rows, shape, inputScale);
            var error = GradientCheck.LayerError(make(shape, c.Units), input, c.Seed, random);
            return (error < Tolerance).Label($"gradient error {error}");
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Dense() => Check((shape, units) => new DenseLayer(shape, units));

    [Fact]
    public void Dense_over_an_image_shaped_input_reads_it_flat() =>
        Assert.True(GradientCheck.LayerError(new DenseLayer(new Shape(2, 3, 3), 4), GradientCheck.RandomBatch(new Random(5), 3, new Shape(2, 3, 3)), 1, new Random(6)) < Tolerance);

    [Fact]
    public void Relu()
    {
        // Finite differences straddling the kink at 0 are meaningless, so inputs keep well away from it.
        Prop.ForAll(Cases, c =>
        {
            var random = new Random(c.Seed);
            var input = GradientCheck.RandomBatch(random, c.Rows, Shape.Vector(c.Width));
            for (var i = 0; i < input.Data.Length; i++)
            {
                input.Data[i] += Math.Sign(input.Data[i]) * 0.01;
            }
            return GradientCheck.LayerError(new ReluLayer(input.Shape), input, c.Seed, random) < Tolerance;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Sigmoid() => Check((shape, _) => new SigmoidLayer(shape), inputScale: 6);

    [Fact]
    public void Tanh() => Check((shape, _) => new TanhLayer(shape), inputScale: 3);

    [Fact]
    public void Softmax() => Check((shape, _) => new SoftmaxLayer(shape), inputScale: 4);

    [Fact]
    public void Dropout_with_its_mask_held_fixed() => Check((shape, units) => new DropoutLayer(shape, units / 7.0));

    [Fact]
    public void Dropout_drops_at_its_rate_scales_survivors_and_is_the_identity_at_inference()
    {
        var layer = new DropoutLayer(Shape.Vector(1000), 0.3);
        var input = new Tensor(10, Shape.Vector(1000));
        Array.Fill(input.Data, 1.0);
        var trained = layer.Forward(input, new ForwardPass(true, new Random(3)));
        var dropped = trained.Data.Count(v => v == 0) / (double)trained.Data.Length;
        Assert.InRange(dropped, 0.28, 0.32);
        Assert.All(trained.Data.Where(v => v != 0), v => Assert.Equal(1 / 0.7, v, 12));
        Assert.Equal(input.Data, layer.Forward(input, ForwardPass.Inference).Data);
    }

    [Fact]
    public void Softmax_rows_are_probabilities_even_for_large_inputs()
    {
        var input = new Tensor(2, Shape.Vector(3), [1000, 1001, 1002, -1, 0, 1]);
        var output = new SoftmaxLayer(input.Shape).Forward(input, ForwardPass.Inference);
        Assert.All(output.Data, p => Assert.True(double.IsFinite(p) && p >= 0));
        Assert.Equal(1, output.Row(0).ToArray().Sum(), 12);
        Assert.Equal(output.Row(0).ToArray(), output.Row(1).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
    }

    [Fact]
    public void Backward_before_forward_is_an_error_naming_the_layer()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => new TanhLayer(Shape.Vector(2)).Backward(new Tensor(1, Shape.Vector(2))));
        Assert.Contains("tanh", ex.Message, StringComparison.Ordinal);
    }
}
