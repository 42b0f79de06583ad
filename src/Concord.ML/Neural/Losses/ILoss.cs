namespace Concord.ML.Neural.Losses;

/// <summary>
/// A per-sample loss ℓ(output, target). Losses are per sample rather than already averaged because DP-SGD clips each
/// sample's gradient on its own and sample weights scale each one; the trainer does the averaging.
/// </summary>
public interface ILoss
{
    string Name { get; }

    /// <summary>
    /// Writes each row's ℓ_i into <paramref name="losses"/> and dℓ_i/dOutput_i into <paramref name="gradient"/>'s row,
    /// with <paramref name="targets"/> holding one target per row (a class index, or the value to regress on).
    /// </summary>
    void Evaluate(Tensor output, ReadOnlySpan<double> targets, Span<double> losses, Tensor gradient);
}

public static class Losses
{
    /// <summary>Σ_i ℓ_i, with the gradients written as <see cref="ILoss.Evaluate"/> does.</summary>
    public static double Total(this ILoss loss, Tensor output, ReadOnlySpan<double> targets, Tensor gradient)
    {
        var losses = new double[output.Rows];
        loss.Evaluate(output, targets, losses, gradient);
        return losses.Sum();
    }
}
