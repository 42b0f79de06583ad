using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Concord.ML.Profiling;

/// <summary>
/// Seconds spent per named phase of one party's protocol run (encrypt, multi-exponentiation, decrypt, transport…),
/// the operations counted in them, and the CPU time the party's process used meanwhile, so that benchmarks can say
/// where the time goes instead of guessing. Phases that overlap in time on different threads each count their own
/// wall time; on a shared machine wall-clock phases stretch with the load, the CPU time much less.
/// </summary>
public sealed class PhaseTimer
{
    private readonly ConcurrentDictionary<string, double> _seconds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private readonly TimeSpan _cpuAtStart = Environment.CpuUsage.TotalTime;
    private TimeSpan? _cpu;

    /// <summary>Times the code up to the end of a <c>using</c> block under <paramref name="phase"/>.</summary>
    public Measurement Measure(string phase) => new(this, phase, Stopwatch.GetTimestamp());

    /// <summary>Counts operations (encryptions, ciphertext additions…) that a phase's time is made of.</summary>
    public void Count(string operation, long count) => _operations.AddOrUpdate(operation, count, (_, total) => total + count);

    public IReadOnlyDictionary<string, long> Operations => _operations;

    /// <summary>CPU seconds of the whole process (every thread) from this timer's creation to <see cref="Stop"/>.</summary>
    public double CpuSeconds => (_cpu ?? (Environment.CpuUsage.TotalTime - _cpuAtStart)).TotalSeconds;

    public void Stop() => _cpu ??= Environment.CpuUsage.TotalTime - _cpuAtStart;

    public T Time<T>(string phase, Func<T> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return work();
        }
        finally
        {
            Add(phase, start);
        }
    }

    public void Time(string phase, Action work) => Time(phase, () =>
    {
        work();
        return true;
    });

    /// <summary>Runs and awaits <paramref name="work"/>, counting the wait: for transport, this includes waiting for a slower peer.</summary>
    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            return await work().ConfigureAwait(false);
        }
        finally
        {
            Add(phase, start);
        }
    }

    public async Task TimeAsync(string phase, Func<Task> work)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await work().ConfigureAwait(false);
        }
        finally
        {
            Add(phase, start);
        }
    }

    public IReadOnlyDictionary<string, double> Seconds => _seconds;

    public void Add(string phase, TimeSpan elapsed) =>
        _seconds.AddOrUpdate(phase, elapsed.TotalSeconds, (_, total) => total + elapsed.TotalSeconds);

    /// <summary>Adds another timer's phases into this one, e.g. one round's into the run's.</summary>
    public void Add(PhaseTimer other)
    {
        foreach (var (phase, seconds) in other._seconds)
        {
            _seconds.AddOrUpdate(phase, seconds, (_, total) => total + seconds);
        }
    }

    /// <summary>{ phase: seconds } in a stable order, for a component's metrics.</summary>
    public JsonObject ToJson() => new([.. _seconds.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value))]);

    private void Add(string phase, long start) => Add(phase, Stopwatch.GetElapsedTime(start));

    public readonly struct Measurement(PhaseTimer timer, string phase, long started) : IDisposable
    {
        public void Dispose() => timer.Add(phase, started);
    }
}
