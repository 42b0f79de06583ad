using Concord.ML.Horizontal;

namespace Concord.Bench.Homo;

/// <summary>
/// A model of any size whose local training costs next to nothing: each round it moves every parameter by a small
/// pseudo-random step. It isolates what the benchmark measures, the aggregation (masking, transport, unmasking).
/// </summary>
public sealed class SyntheticModel(int parameters, long seed) : ILocalModel
{
    private double[] _parameters = new double[parameters];

    public int ParameterCount => _parameters.Length;

    public double[] GetParameters() => (double[])_parameters.Clone();

    public void SetParameters(ReadOnlySpan<double> parameters) => _parameters = parameters.ToArray();

    public double[] Predict(ReadOnlySpan<double> features) => [0.5];

    public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct)
    {
        // xorshift64: a step in [−2⁻¹⁰, 2⁻¹⁰) per parameter, different per client and round.
        var state = (ulong)(seed ^ request.Seed) | 1;
        for (var j = 0; j < _parameters.Length; j++)
        {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            _parameters[j] += ((long)state >> 11) * Math.ScaleB(1.0, -63);
        }
        return new LocalTrainingReport(1000, 0.5, 1, 1);
    }
}

public sealed class SyntheticModelFactory(int parameters) : ILocalModelFactory
{
    public string Name => "synthetic";

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed) => new SyntheticModel(parameters, seed ^ data.Rows.Length);

    public void CheckFits(ModelShape shape)
    {
    }
}
