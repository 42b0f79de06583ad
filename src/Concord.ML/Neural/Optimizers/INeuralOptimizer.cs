namespace Concord.ML.Neural.Optimizers;

/// <summary>An update rule over a network's flat parameter vector; it keeps its own state (momenta) between steps.</summary>
public interface INeuralOptimizer
{
    /// <summary>Updates <paramref name="parameters"/> in place from the gradient of the loss.</summary>
    void Step(Span<double> parameters, ReadOnlySpan<double> gradient);
}
