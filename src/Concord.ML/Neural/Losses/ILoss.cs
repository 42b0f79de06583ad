namespace Concord.ML.Neural.Losses;

/// <summary>
/// A per-sample loss ℓ(output, target). Losses are per sample rather than already averaged because DP-SGD clips each
/// sample's gradient on its own; the trainer does the averaging.
/// </summary>
public interface ILoss
{
    string Name { get; }

    /// <summary>
    /// Writes dℓ_i/dOutput_i of each row into <paramref name="gradient"/> and returns Σ_i ℓ_i, with
    /// <paramref name="targets"/> holding one target per row (a class index, or the value to regress on).
    /// </summary>
    double Evaluate(Tensor output, ReadOnlySpan<double> targets, Tensor gradient);
}
