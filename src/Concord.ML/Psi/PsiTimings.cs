using System.Diagnostics;

namespace Concord.ML.Psi;

/// <summary>Where one party's PSI time went, in seconds, for the benchmark's breakdown.</summary>
/// <param name="Exchange">Sending and waiting to receive: the transport, plus any wait for a slower peer.</param>
public sealed record PsiTimings(double HashToGroup, double ScalarMultiplication, double Exchange, double Matching)
{
    public double Total => HashToGroup + ScalarMultiplication + Exchange + Matching;
}

/// <summary>Accumulates <see cref="PsiTimings"/> phase by phase.</summary>
internal sealed class PsiStopwatch
{
    private double _hash, _multiply, _exchange, _matching;

    public T Hash<T>(Func<T> work) => Time(work, ref _hash);

    public T Multiply<T>(Func<T> work) => Time(work, ref _multiply);

    public T Match<T>(Func<T> work) => Time(work, ref _matching);

    public async Task<T> Exchange<T>(Task<T> pending)
    {
        await Exchange((Task)pending).ConfigureAwait(false);
        return await pending.ConfigureAwait(false);
    }

    public async Task Exchange(Task pending)
    {
        var start = Stopwatch.GetTimestamp();
        await pending.ConfigureAwait(false);
        _exchange += Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    public PsiTimings Result => new(_hash, _multiply, _exchange, _matching);

    private static T Time<T>(Func<T> work, ref double total)
    {
        var start = Stopwatch.GetTimestamp();
        var value = work();
        total += Stopwatch.GetElapsedTime(start).TotalSeconds;
        return value;
    }
}
