namespace Concord.Crypto.Privacy;

/// <summary>How Rényi DP at the tracked orders becomes (ε, δ)-DP.</summary>
public enum RdpConversion
{
    /// <summary>Mironov (2017), Prop. 3: ε = RDP(α) + log(1/δ)/(α − 1); TF-Privacy's original rule.</summary>
    Classic,

    /// <summary>Balle et al. (2020) / Canonne, Kamath and Steinke (2020): ε = RDP(α) + log((α − 1)/α) − (log δ + log α)/(α − 1); always at most the classic bound.</summary>
    Improved,
}

/// <summary>
/// The moments accountant in its Rényi form (Abadi et al. 2016; Mironov, Talwar and Zhang 2019) for the sampled
/// Gaussian mechanism: each step samples records with probability q and adds N(0, σ²) noise to a sum of terms
/// clipped to norm 1 (in units of the clipping norm). RDP composes by addition, order by order, so the accountant
/// keeps one running total per order and converts to (ε, δ) on request.
/// </summary>
public sealed class RdpAccountant
{
    /// <summary>Orders from 1.25 to 256: fine steps where small ε is decided, sparse ones for very noisy or few steps.</summary>
    public static IReadOnlyList<double> DefaultOrders { get; } =
        [1.25, 1.5, 1.75, 2, 2.25, 2.5, 2.75, 3, 3.5, 4, 4.5, .. Enumerable.Range(5, 59).Select(i => (double)i), 64, 80, 96, 128, 192, 256];

    private readonly double[] _orders;
    private readonly double[] _rdp;

    public RdpAccountant(IReadOnlyList<double>? orders = null)
    {
        _orders = [.. orders ?? DefaultOrders];
        if (_orders.Length == 0 || _orders.Any(a => !(a > 1) || !double.IsFinite(a)))
        {
            throw new ArgumentException("RDP orders must be finite and above 1", nameof(orders));
        }
        _rdp = new double[_orders.Length];
    }

    public IReadOnlyList<double> Orders => _orders;

    /// <summary>The RDP spent so far at each order.</summary>
    public IReadOnlyList<double> Spent => _rdp;

    /// <summary>Adds <paramref name="steps"/> applications of the sampled Gaussian mechanism.</summary>
    /// <param name="samplingRate">q: each record's (or client's) probability of taking part in a step.</param>
    /// <param name="noiseMultiplier">σ: the noise's standard deviation over the clipping norm.</param>
    public void Compose(double samplingRate, double noiseMultiplier, long steps)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        var per = SampledGaussian(samplingRate, noiseMultiplier, _orders);
        for (var i = 0; i < _rdp.Length; i++)
        {
            _rdp[i] += per[i] * steps;
        }
    }

    /// <summary>Restores totals saved from <see cref="Spent"/> (e.g. from a checkpoint).</summary>
    public void Restore(IReadOnlyList<double> spent)
    {
        if (spent.Count != _rdp.Length)
        {
            throw new ArgumentException($"saved RDP has {spent.Count} orders; this accountant tracks {_rdp.Length}");
        }
        for (var i = 0; i < _rdp.Length; i++)
        {
            _rdp[i] = spent[i];
        }
    }

    /// <summary>The smallest ε over the tracked orders such that what was composed is (ε, δ)-DP, and the order that gave it.</summary>
    public (double Epsilon, double Order) Epsilon(double delta, RdpConversion conversion = RdpConversion.Improved) =>
        EpsilonOf(_orders, _rdp, delta, conversion);

    public static (double Epsilon, double Order) EpsilonOf(IReadOnlyList<double> orders, IReadOnlyList<double> rdp, double delta, RdpConversion conversion)
    {
        if (!(delta is > 0 and < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(delta), delta, "δ must be in (0, 1)");
        }
        var best = (Epsilon: double.PositiveInfinity, Order: double.NaN);
        for (var i = 0; i < orders.Count; i++)
        {
            var (a, r) = (orders[i], rdp[i]);
            double eps;
            if (conversion == RdpConversion.Classic)
            {
                eps = r - (Math.Log(delta) / (a - 1));
            }
            else if ((delta * delta) + LogSpace.ExpM1(-r) >= 0)
            {
                // δ ≥ √(1 − e^−KL): the output distributions are already δ-close.
                eps = 0;
            }
            else
            {
                eps = r + LogSpace.Log1P(-1 / a) - (Math.Log(delta * a) / (a - 1));
            }
            if (eps < best.Epsilon)
            {
                best = (Math.Max(eps, 0), a);
            }
        }
        return best;
    }

    /// <summary>RDP of one step of the sampled Gaussian mechanism at each order (Mironov, Talwar and Zhang 2019, §3.3).</summary>
    public static double[] SampledGaussian(double q, double sigma, IReadOnlyList<double> orders)
    {
        if (!(q is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(q), q, "the sampling rate must be in [0, 1]");
        }
        if (!(sigma > 0) || !double.IsFinite(sigma))
        {
            throw new ArgumentOutOfRangeException(nameof(sigma), sigma, "the noise multiplier must be positive");
        }
        return [.. orders.Select(a => q == 0 ? 0 : q == 1 ? a / (2 * sigma * sigma) : LogA(q, sigma, a) / (a - 1))];
    }

    private static double LogA(double q, double sigma, double alpha) =>
        alpha == Math.Floor(alpha) ? LogAInteger(q, sigma, (int)alpha) : LogAFractional(q, sigma, alpha);

    /// <summary>log A_α = log Σ_i C(α, i) q^i (1 − q)^(α−i) e^((i² − i)/(2σ²)) for integer α.</summary>
    private static double LogAInteger(double q, double sigma, int alpha)
    {
        var logA = double.NegativeInfinity;
        var logCoefficient = 0.0;
        var (logQ, log1MQ) = (Math.Log(q), LogSpace.Log1P(-q));
        for (var i = 0; i <= alpha; i++)
        {
            if (i > 0)
            {
                logCoefficient += Math.Log((alpha - i + 1) / (double)i);
            }
            var term = logCoefficient + (i * logQ) + ((alpha - i) * log1MQ) + (((double)i * i) - i) / (2 * sigma * sigma);
            logA = LogSpace.Add(logA, term);
        }
        return logA;
    }

    /// <summary>
    /// log A_α for fractional α: the two tails split at z₀ = σ² log(1/q − 1) + 1/2, each an alternating series
    /// in the generalised binomial coefficients, summed until its terms fall below e^−30.
    /// </summary>
    private static double LogAFractional(double q, double sigma, double alpha)
    {
        var (logA0, logA1) = (double.NegativeInfinity, double.NegativeInfinity);
        var z0 = (sigma * sigma * Math.Log((1 / q) - 1)) + 0.5;
        var (logQ, log1MQ) = (Math.Log(q), LogSpace.Log1P(-q));
        var coefficient = 1.0;
        for (var i = 0; i < 100_000; i++)
        {
            if (i > 0)
            {
                coefficient *= (alpha - i + 1) / i;
            }
            var logCoefficient = Math.Log(Math.Abs(coefficient));
            var j = alpha - i;
            var logT0 = logCoefficient + (i * logQ) + (j * log1MQ);
            var logT1 = logCoefficient + (j * logQ) + (i * log1MQ);
            var logE0 = Math.Log(0.5) + LogSpace.LogErfc((i - z0) / (Math.Sqrt(2) * sigma));
            var logE1 = Math.Log(0.5) + LogSpace.LogErfc((z0 - j) / (Math.Sqrt(2) * sigma));
            var logS0 = logT0 + ((((double)i * i) - i) / (2 * sigma * sigma)) + logE0;
            var logS1 = logT1 + (((j * j) - j) / (2 * sigma * sigma)) + logE1;
            if (coefficient > 0)
            {
                logA0 = LogSpace.Add(logA0, logS0);
                logA1 = LogSpace.Add(logA1, logS1);
            }
            else
            {
                logA0 = LogSpace.Subtract(logA0, logS0);
                logA1 = LogSpace.Subtract(logA1, logS1);
            }
            if (Math.Max(logS0, logS1) < -30)
            {
                break;
            }
        }
        return LogSpace.Add(logA0, logA1);
    }

    /// <summary>
    /// The smallest noise multiplier (to 0.1 %) whose ε over <paramref name="spend"/>'s composition stays within
    /// <paramref name="targetEpsilon"/>, by bisection: ε falls as σ grows.
    /// </summary>
    /// <param name="spend">Composes the whole training for a given σ into a fresh accountant.</param>
    public static double CalibrateNoise(Action<RdpAccountant, double> spend, double targetEpsilon, double delta, RdpConversion conversion = RdpConversion.Improved)
    {
        if (!(targetEpsilon > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(targetEpsilon), targetEpsilon, "the target ε must be positive");
        }
        double EpsilonAt(double sigma)
        {
            var accountant = new RdpAccountant();
            spend(accountant, sigma);
            return accountant.Epsilon(delta, conversion).Epsilon;
        }
        var (low, high) = (0.05, 0.1);
        while (EpsilonAt(high) > targetEpsilon)
        {
            (low, high) = (high, high * 2);
            if (high > 1e4)
            {
                throw new ArgumentException($"no noise multiplier up to 10⁴ reaches ε = {targetEpsilon} at δ = {delta}; train fewer steps or accept a larger ε");
            }
        }
        while (high - low > high * 1e-3)
        {
            var middle = (low + high) / 2;
            if (EpsilonAt(middle) > targetEpsilon)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }
        return high;
    }
}
