namespace Concord.ML.Neural;

/// <summary>
/// Standard normal draws by the Box–Muller transform from a seeded <see cref="Random"/>, so DP-SGD repeats under the
/// same seed. Being seeded, the noise is only as secret as the seed.
/// </summary>
public sealed class GaussianNoise(Random random)
{
    private double? _spare;

    public double Next()
    {
        if (_spare is double spare)
        {
            _spare = null;
            return spare;
        }
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var radius = Math.Sqrt(-2 * Math.Log(u1));
        _spare = radius * Math.Sin(2 * Math.PI * u2);
        return radius * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Adds N(0, σ²) to each value.</summary>
    public void Add(Span<double> values, double sigma)
    {
        for (var i = 0; i < values.Length; i++)
        {
            values[i] += sigma * Next();
        }
    }
}
