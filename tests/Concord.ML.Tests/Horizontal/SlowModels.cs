using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>A factory whose models stall in chosen rounds (by call count), as a client on a slow or stuck machine would.</summary>
internal sealed class SlowFactory(ILocalModelFactory inner, ISet<int> slowCalls, TimeSpan stall) : ILocalModelFactory
{
    public string Name => inner.Name;

    public void CheckFits(ModelShape shape) => inner.CheckFits(shape);

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed) => new SlowModel(inner.Create(shape, data, seed), slowCalls, stall);

    private sealed class SlowModel(ILocalModel inner, ISet<int> slowCalls, TimeSpan stall) : ILocalModel
    {
        private int _calls;

        public int ParameterCount => inner.ParameterCount;

        public double[] GetParameters() => inner.GetParameters();

        public void SetParameters(ReadOnlySpan<double> parameters) => inner.SetParameters(parameters);

        public double[] Predict(ReadOnlySpan<double> features) => inner.Predict(features);

        public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct)
        {
            if (slowCalls.Contains(_calls++))
            {
                Thread.Sleep(stall);
            }
            return inner.Train(request, ct);
        }
    }
}
