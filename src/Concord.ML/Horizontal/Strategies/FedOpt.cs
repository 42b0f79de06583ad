namespace Concord.ML.Horizontal.Strategies;

/// <summary>
/// Adaptive server optimisers over the mean change Δ (Reddi et al. 2021, "Adaptive Federated Optimization"), as
/// Flower's FedOpt family: m ← β₁·m + (1 − β₁)·Δ, v by the optimiser's rule, w ← w + η_t·m / (√v + τ).
/// </summary>
public abstract class FedOpt(HomoSettings settings, double defaultEta, double defaultTau) : HomoStrategy(settings)
{
    private double[]? _m;
    private double[]? _v;

    private double Eta => Settings.Strategy.Eta ?? defaultEta;

    private double Tau => Settings.Strategy.Tau ?? defaultTau;

    protected double Beta1 => Settings.Strategy.Beta1;

    protected double Beta2 => Settings.Strategy.Beta2;

    /// <summary>The second-moment update of one coordinate, given the change Δ_j.</summary>
    protected abstract double NextV(double v, double change);

    /// <summary>The step size of the round (0-based): η, or η with Adam's bias correction.</summary>
    protected virtual double StepSize(int round, double eta) => eta;

    protected override void Step(int round, double[] global, double[] change)
    {
        _m ??= new double[global.Length];
        _v ??= new double[global.Length];
        var eta = StepSize(round, Eta);
        for (var j = 0; j < global.Length; j++)
        {
            _m[j] = (Beta1 * _m[j]) + ((1 - Beta1) * change[j]);
            _v[j] = NextV(_v[j], change[j]);
            global[j] += eta * _m[j] / (Math.Sqrt(_v[j]) + Tau);
        }
    }

    public override StrategyState? Save() => _m is null || _v is null ? null : new([(double[])_m.Clone(), (double[])_v.Clone()]);

    public override void Restore(StrategyState state) => (_m, _v) = ((double[])state.Vectors[0].Clone(), (double[])state.Vectors[1].Clone());
}

/// <summary>FedAdam: v ← β₂·v + (1 − β₂)·Δ², and Flower's bias-corrected η·√(1 − β₂^(r+1)) / (1 − β₁^(r+1)) with r Flower's 1-based round.</summary>
public sealed class FedAdam(HomoSettings settings) : FedOpt(settings, defaultEta: 0.1, defaultTau: 1e-9)
{
    protected override double NextV(double v, double change) => (Beta2 * v) + ((1 - Beta2) * change * change);

    protected override double StepSize(int round, double eta)
    {
        var flowerRound = round + 1.0;
        return eta * Math.Sqrt(1 - Math.Pow(Beta2, flowerRound + 1)) / (1 - Math.Pow(Beta1, flowerRound + 1));
    }
}

/// <summary>FedYogi: v ← v − (1 − β₂)·Δ²·sign(v − Δ²), which grows v more cautiously than Adam when Δ² jumps.</summary>
public sealed class FedYogi(HomoSettings settings) : FedOpt(settings, defaultEta: 0.01, defaultTau: 1e-3)
{
    protected override double NextV(double v, double change)
    {
        var square = change * change;
        return v - ((1 - Beta2) * square * Math.Sign(v - square));
    }
}
