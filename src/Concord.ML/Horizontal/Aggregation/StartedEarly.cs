using Concord.Federation.Context;

namespace Concord.ML.Horizontal.Aggregation;

/// <summary>
/// Work an aggregation may start before its round's main step (keys agreed while the model travels and trains): the
/// step takes the started work if it was started for the same round, and otherwise starts it itself, so a caller that
/// never starts it early (validation, a wrapper) still gets a correct, only slower, round.
/// </summary>
internal sealed class StartedEarly<T>
{
    private (string Scope, Task<T> Work)? _started;

    public void Start(FederationContext round, Func<Task<T>> work) => _started = (round.Scope, work());

    public Task<T> For(FederationContext round, Func<Task<T>> work)
    {
        if (_started is { } started && started.Scope == round.Scope)
        {
            _started = null;
            return started.Work;
        }
        return work();
    }
}
