namespace Concord.ML.Linear;

/// <summary>
/// FATE's optimizers with its penalties, element-wise, so that a party updating only its own slice of the weights
/// gets exactly what a single party updating all of them would: the federated roles and the local baseline share it.
/// L2 adds α·w to the gradient; L1 is proximal (soft-thresholding) under SGD and a subgradient α·sign(w) otherwise, as FATE.
/// The intercept, when a party holds one (its last weight), is never penalised.
/// </summary>
public sealed class Optimizer
{
    private const double Epsilon = 1e-8;
    private const double Beta1 = 0.9;
    private const double Beta2 = 0.999;
    private const double RmsRho = 0.99;
    private readonly LinearOptions _options;
    private readonly bool _hasIntercept;

    public Optimizer(LinearOptions options, int weightCount, bool hasIntercept)
    {
        _options = options;
        _hasIntercept = hasIntercept;
        State = new OptimizerState(0, new double[weightCount], new double[weightCount]);
    }

    public OptimizerState State { get; private set; }

    public void Restore(OptimizerState state)
    {
        if (state.First.Length != State.First.Length)
        {
            throw new ArgumentException($"optimizer state holds {state.First.Length} weights; the model has {State.First.Length}");
        }
        State = state;
    }

    /// <summary>The learning rate for an epoch, after decay.</summary>
    public double RateAt(int epoch) => _options.LearningRate / (1 + (_options.Decay * epoch));

    /// <summary>Applies one update to <paramref name="weights"/> in place.</summary>
    public void Step(double[] weights, ReadOnlySpan<double> gradient, int epoch)
    {
        var rate = RateAt(epoch);
        var t = State.Steps + 1;
        for (var j = 0; j < weights.Length; j++)
        {
            var penalised = Penalised(j);
            var g = gradient[j] + (penalised ? PenaltyGradient(weights[j]) : 0);
            var step = Scaled(j, g, t) * rate;
            var updated = weights[j] - step;
            if (penalised && _options.Penalty == PenaltyKind.L1 && _options.Optimizer == OptimizerKind.Sgd)
            {
                var shrink = rate * _options.Alpha;
                updated = Math.Sign(updated) * Math.Max(Math.Abs(updated) - shrink, 0);
            }
            weights[j] = updated;
        }
        State = State with { Steps = t };
    }

    private bool Penalised(int j) => _options.Penalty != PenaltyKind.None && !(_hasIntercept && j == State.First.Length - 1);

    private double PenaltyGradient(double w) => _options.Penalty switch
    {
        PenaltyKind.L2 => _options.Alpha * w,
        PenaltyKind.L1 when _options.Optimizer != OptimizerKind.Sgd => _options.Alpha * Math.Sign(w),
        _ => 0,
    };

    private double Scaled(int j, double g, long t)
    {
        var m = State.First;
        var v = State.Second;
        switch (_options.Optimizer)
        {
            case OptimizerKind.Sgd:
                return g;
            case OptimizerKind.Adagrad:
                v[j] += g * g;
                return g / (Math.Sqrt(v[j]) + Epsilon);
            case OptimizerKind.RmsProp:
                v[j] = (RmsRho * v[j]) + ((1 - RmsRho) * g * g);
                return g / (Math.Sqrt(v[j]) + Epsilon);
            default:
                m[j] = (Beta1 * m[j]) + ((1 - Beta1) * g);
                v[j] = (Beta2 * v[j]) + ((1 - Beta2) * g * g);
                var mHat = m[j] / (1 - Math.Pow(Beta1, t));
                var vHat = v[j] / (1 - Math.Pow(Beta2, t));
                return mHat / (Math.Sqrt(vHat) + Epsilon);
        }
    }
}

/// <summary>An optimizer's memory: steps taken and its first and second moment accumulators (unused ones stay zero).</summary>
public sealed record OptimizerState(long Steps, double[] First, double[] Second);
