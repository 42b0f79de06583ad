using System.Collections.Concurrent;
using System.Diagnostics;

namespace Concord.ML.SecureAggregation;

/// <summary>Seconds spent per named phase of a protocol, summed over rounds: where secure aggregation's time goes.</summary>
public sealed class PhaseTimings
{
    private readonly ConcurrentDictionary<string, double> _seconds = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Add(string phase, TimeSpan elapsed) => _seconds.AddOrUpdate(phase, elapsed.TotalSeconds, (_, s) => s + elapsed.TotalSeconds);

    public void Add(PhaseTimings other)
    {
        foreach (var (phase, seconds) in other._seconds)
        {
            _seconds.AddOrUpdate(phase, seconds, (_, s) => s + seconds);
        }
    }

    /// <summary>Times <paramref name="work"/> under <paramref name="phase"/>.</summary>
    public T Measure<T>(string phase, Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return work();
        }
        finally
        {
            Add(phase, clock.Elapsed);
        }
    }

    public async Task<T> MeasureAsync<T>(string phase, Func<Task<T>> work)
    {
        var clock = Stopwatch.StartNew();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Add(phase, clock.Elapsed);
        }
    }
}
