using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// A model whose local objective is ½‖w − t‖² (+ μ/2 ‖w − w_global‖² under FedProx), t the mean of the client's rows,
/// trained by <see cref="Steps"/> gradient steps of size <see cref="Rate"/>: small enough to follow by hand.
/// <paramref name="scale"/> multiplies the change a client sends, as a malicious client would.
/// </summary>
internal sealed class QuadraticFactory(Func<HorizontalData, double> scale) : ILocalModelFactory
{
    public const double Rate = 0.5;
    public const int Steps = 2;

    public static readonly QuadraticFactory Honest = new(_ => 1);

    public string Name => "quadratic";

    public void CheckFits(ModelShape shape)
    {
    }

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed) => new QuadraticModel(data, scale(data));

    /// <summary>A client whose rows are all <paramref name="target"/>.</summary>
    public static HorizontalData Client(double[] target, int rows = 4) =>
        new([.. target.Select((_, j) => $"x{j}")], [.. Enumerable.Repeat(target, rows)], [.. Enumerable.Range(0, rows).Select(i => (double)(i % 2))]);

    private sealed class QuadraticModel(HorizontalData data, double scale) : ILocalModel
    {
        private readonly double[] _target = [.. Enumerable.Range(0, data.FeatureNames.Length).Select(j => data.Rows.Average(r => r[j]))];
        private double[] _w = new double[data.FeatureNames.Length];

        public int ParameterCount => _w.Length;

        public double[] GetParameters() => (double[])_w.Clone();

        public void SetParameters(ReadOnlySpan<double> parameters) => _w = parameters.ToArray();

        public double[] Predict(ReadOnlySpan<double> features) => [0.5];

        public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct)
        {
            var g = request.GlobalParameters;
            for (var step = 0; step < Steps; step++)
            {
                for (var j = 0; j < _w.Length; j++)
                {
                    _w[j] -= Rate * ((_w[j] - _target[j]) + (request.ProximalMu * (_w[j] - g[j])));
                }
            }
            for (var j = 0; j < _w.Length; j++)
            {
                _w[j] = g[j] + (scale * (_w[j] - g[j]));
            }
            var loss = _w.Select((w, j) => 0.5 * (w - _target[j]) * (w - _target[j])).Sum();
            return new LocalTrainingReport(data.RowCount, loss, Steps, 1);
        }
    }
}
