using Concord.ML.Neural;

namespace Concord.ML.Tests.Neural;

/// <summary>
/// Central finite differences of a scalar objective L = Σ c ⊙ layer(x): what backward must produce, element by element.
/// Dropout is checked with its mask fixed by re-seeding every forward pass alike.
/// </summary>
internal static class GradientCheck
{
    private const double H = 1e-6;

    public static Tensor RandomBatch(Random random, int rows, Shape shape, double scale = 1)
    {
        var t = new Tensor(rows, shape);
        for (var i = 0; i < t.Data.Length; i++)
        {
            t.Data[i] = ((2 * random.NextDouble()) - 1) * scale;
        }
        return t;
    }

    /// <summary>The largest gap between backward's gradients (inputs, then parameters) and finite differences, relative to their size.</summary>
    public static double LayerError(ILayer layer, Tensor input, int passSeed, Random random)
    {
        var parameters = new double[layer.ParameterCount];
        var gradients = new double[layer.ParameterCount];
        layer.Bind(parameters, gradients);
        layer.Initialize(random);
        var weights = RandomBatch(random, input.Rows, layer.OutputShape);
        double Objective()
        {
            var output = layer.Forward(input, new ForwardPass(true, new Random(passSeed)));
            return output.Data.Select((o, i) => o * weights.Data[i]).Sum();
        }
        _ = Objective();
        var inputGradient = layer.Backward(weights);
        var error = 0.0;
        for (var i = 0; i < input.Data.Length; i++)
        {
            error = Math.Max(error, Gap(inputGradient.Data[i], Numeric(input.Data, i, Objective)));
        }
        for (var j = 0; j < parameters.Length; j++)
        {
            error = Math.Max(error, Gap(gradients[j], Numeric(parameters, j, Objective)));
        }
        return error;
    }

    public static double Numeric(double[] values, int index, Func<double> objective)
    {
        var saved = values[index];
        values[index] = saved + H;
        var up = objective();
        values[index] = saved - H;
        var down = objective();
        values[index] = saved;
        return (up - down) / (2 * H);
    }

    /// <summary>Absolute below 1, relative above, so tiny and large gradients are held to the same number of digits.</summary>
    public static double Gap(double analytic, double numeric) => Math.Abs(analytic - numeric) / Math.Max(1, Math.Abs(numeric));
}
