namespace Concord.ML.Neural.Losses;

/// <summary>(output − target)² for a single-output regression network.</summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    public string Name => "mse";

    public double Evaluate(Tensor output, ReadOnlySpan<double> targets, Tensor gradient)
    {
        var sum = 0.0;
        for (var i = 0; i < output.Rows; i++)
        {
            var e = output.Row(i)[0] - targets[i];
            sum += e * e;
            gradient.Row(i)[0] = 2 * e;
        }
        return sum;
    }
}
