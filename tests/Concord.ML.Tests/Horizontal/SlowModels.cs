using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// A factory whose models stall in chosen rounds, as a client on a slow or stuck machine would: training calls numbered in <paramref name="slowCalls"/> first wait until <paramref name="until"/> holds,
/// e.g. until the arbiter has moved on without it: tests then depend on events, not on how fast a loaded machine is.
/// </summary>
internal sealed class SlowFactory(ILocalModelFactory inner, ISet<int> slowCalls, Func<bool> until) : ILocalModelFactory
{
    public string Name => inner.Name;

    public void CheckFits(ModelShape shape) => inner.CheckFits(shape);

    public ILocalModel Create(ModelShape shape, HorizontalData data, long seed) => new SlowModel(inner.Create(shape, data, seed), slowCalls, until);

    private sealed class SlowModel(ILocalModel inner, ISet<int> slowCalls, Func<bool> until) : ILocalModel
    {
        private int _calls;

        public int ParameterCount => inner.ParameterCount;

        public double[] GetParameters() => inner.GetParameters();

        public void SetParameters(ReadOnlySpan<double> parameters) => inner.SetParameters(parameters);

        public double[] Predict(ReadOnlySpan<double> features) => inner.Predict(features);

        public LocalTrainingReport Train(LocalTrainingRequest request, CancellationToken ct)
        {
            if (slowCalls.Contains(_calls++) && !SpinWait.SpinUntil(until, TimeSpan.FromMinutes(1)))
            {
                throw new TimeoutException($"training call {_calls - 1} waited a minute for the event it stalls until");
            }
            return inner.Train(request, ct);
        }
    }
}
