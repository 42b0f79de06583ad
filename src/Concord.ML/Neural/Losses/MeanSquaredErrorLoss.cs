namespace Concord.ML.Neural.Losses;

/// <summary>(output − target)² for a single-output regression network.</summary>
public sealed class MeanSquaredErrorLoss : ILoss
{
    public string Name => "mse";

    public void Evaluate(Tensor output, ReadOnlySpan<double> targets, Span<double> losses, Tensor gradient)
    {
        for (var i = 0; i < output.Rows; i++)
        {
            var e = output.Row(i)[0] - targets[i];
            losses[i] = e * e;
            gradient.Row(i)[0] = 2 * e;
        }
    }
}
