namespace Concord.ML.Horizontal.Strategies;

/// <summary>
/// FedAvgM (Hsu et al. 2019), as Flower's: with the pseudo-gradient g = −(mean change), the momentum
/// m ← β·m + g (m = g in the first round) and w ← w − η·m.
/// </summary>
public sealed class FedAvgM(HomoSettings settings) : HomoStrategy(settings)
{
    private double[]? _momentum;

    protected override void Step(int round, double[] global, double[] change)
    {
        var (beta, eta) = (Settings.Strategy.ServerMomentum, Settings.Strategy.ServerLearningRate);
        _momentum ??= new double[global.Length];
        for (var j = 0; j < global.Length; j++)
        {
            _momentum[j] = (beta * _momentum[j]) - change[j];
            global[j] -= eta * _momentum[j];
        }
    }

    public override StrategyState? Save() => _momentum is null ? null : new([(double[])_momentum.Clone()]);

    public override void Restore(StrategyState state) => _momentum = (double[])state.Vectors[0].Clone();
}
