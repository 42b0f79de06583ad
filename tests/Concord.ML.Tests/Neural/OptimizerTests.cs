using Concord.ML.Neural.Optimizers;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Neural;

/// <summary>The SIMD optimizers against their update equations written out one scalar at a time.</summary>
public class OptimizerTests
{
    // Three steps' gradients over 1 to 9 parameters.
    private static readonly Arbitrary<double[][]> Gradients =
        Gen.Choose(1, 9).SelectMany(n => Gen.Choose(-1000, 1000).Select(v => v / 100.0).ArrayOf(n).ArrayOf(3)).ToArbitrary();

    [Fact]
    public void Sgd_with_momentum_is_v_gets_mu_v_plus_g_and_w_gets_w_minus_eta_v() =>
        Prop.ForAll(Gradients, steps =>
        {
            var n = steps[0].Length;
            var w = Enumerable.Range(0, n).Select(i => i * 0.1).ToArray();
            var expected = (double[])w.Clone();
            var v = new double[n];
            var sgd = new SgdMomentum(n, 0.05, 0.9);
            foreach (var g in steps)
            {
                sgd.Step(w, g);
                for (var j = 0; j < n; j++)
                {
                    v[j] = (0.9 * v[j]) + g[j];
                    expected[j] -= 0.05 * v[j];
                }
            }
            return w.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-12 * Math.Max(1, Math.Abs(p.Second)));
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Adam_is_kingma_and_ba_with_bias_correction() =>
        Prop.ForAll(Gradients, steps =>
        {
            var n = steps[0].Length;
            var w = Enumerable.Range(0, n).Select(i => 1 - (i * 0.2)).ToArray();
            var expected = (double[])w.Clone();
            var m = new double[n];
            var v = new double[n];
            var adam = new Adam(n, 0.01);
            for (var t = 1; t <= steps.Length; t++)
            {
                var g = steps[t - 1];
                adam.Step(w, g);
                for (var j = 0; j < n; j++)
                {
                    m[j] = (0.9 * m[j]) + (0.1 * g[j]);
                    v[j] = (0.999 * v[j]) + (0.001 * g[j] * g[j]);
                    var mHat = m[j] / (1 - Math.Pow(0.9, t));
                    var vHat = v[j] / (1 - Math.Pow(0.999, t));
                    expected[j] -= 0.01 * mHat / (Math.Sqrt(vHat) + Adam.Epsilon);
                }
            }
            return w.Zip(expected).All(p => Math.Abs(p.First - p.Second) <= 1e-12);
        }).QuickCheckThrowOnFailure();

    [Fact]
    public void Adam_first_step_moves_every_weight_by_the_learning_rate_against_its_gradient_sign()
    {
        var w = new[] { 0.0, 0.0, 0.0 };
        new Adam(3, 0.01).Step(w, [3.0, -0.5, 1e-3]);
        Assert.Equal([-0.01, 0.01, -0.01], w, (a, b) => Math.Abs(a - b) < 1e-7);
    }
}
