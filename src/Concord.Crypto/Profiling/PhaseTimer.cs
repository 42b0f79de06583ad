using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Concord.Crypto.Profiling;

/// <summary>
/// Seconds spent per <see cref="Phase"/> of one party's protocol run, the operations counted in them, and the CPU time
/// the party's process used meanwhile, so that benchmarks can say where the time goes instead of guessing.
/// <para>
/// A role installs its timer for the length of its run (<c>using var timing = Timings.Install();</c>); from then on the
/// federation context (sends, receives) and the crypto layer (encryption, decryption, multi-exponentiation, key
/// generation) time themselves against <see cref="Current"/>, in every task the run starts, Parallel.For bodies
/// included, since the ambient timer flows with the execution context. Protocol code holds no timing calls.
/// </para>
/// <para>
/// A phase counts the wall time during which at least one of its operations runs: two hosts' ciphertexts received at
/// once, or a vector encryption nested in a timed batch encryption, count once, not twice. Different phases may overlap
/// (a decryption while a send is in flight); on a shared machine wall-clock phases stretch with the load, CPU time much less.
/// </para>
/// </summary>
public sealed class PhaseTimer
{
    private static readonly AsyncLocal<PhaseTimer?> Ambient = new();
    private static readonly int PhaseCount = Enum.GetValues<Phase>().Length;

    private readonly Lock _lock = new();
    private readonly double[] _seconds = new double[PhaseCount];
    private readonly bool[] _seen = new bool[PhaseCount];
    private readonly int[] _running = new int[PhaseCount];
    private readonly long[] _since = new long[PhaseCount];
    private readonly ConcurrentDictionary<string, long> _operations = new(StringComparer.Ordinal);
    private readonly TimeSpan _cpuAtStart = Environment.CpuUsage.TotalTime;
    private TimeSpan? _cpu;

    /// <summary>The timer of the role whose run this code is part of; null outside one (then nothing is timed).</summary>
    public static PhaseTimer? Current => Ambient.Value;

    /// <summary>Makes this the <see cref="Current"/> timer until the returned scope is disposed (or the installing async method returns).</summary>
    public Installation Install()
    {
        var previous = Ambient.Value;
        Ambient.Value = this;
        return new Installation(previous);
    }

    /// <summary>Times the code up to the end of a <c>using</c> block under <paramref name="phase"/> on the <see cref="Current"/> timer, if any.</summary>
    public static Measurement Start(Phase phase) => new(Current, phase);

    /// <summary>Times the code up to the end of a <c>using</c> block under <paramref name="phase"/> on this timer.</summary>
    public Measurement Measure(Phase phase) => new(this, phase);

    /// <summary>Counts operations (encryptions, ciphertext additions…) that a phase's time is made of.</summary>
    public void Count(string operation, long count) => _operations.AddOrUpdate(operation, count, (_, total) => total + count);

    public IReadOnlyDictionary<string, long> Operations => _operations;

    /// <summary>CPU seconds of the whole process (every thread) from this timer's creation to <see cref="Stop"/>.</summary>
    public double CpuSeconds => (_cpu ?? (Environment.CpuUsage.TotalTime - _cpuAtStart)).TotalSeconds;

    public void Stop() => _cpu ??= Environment.CpuUsage.TotalTime - _cpuAtStart;

    public T Time<T>(Phase phase, Func<T> work)
    {
        using var _ = Measure(phase);
        return work();
    }

    public void Time(Phase phase, Action work)
    {
        using var _ = Measure(phase);
        work();
    }

    /// <summary>Runs and awaits <paramref name="work"/>, counting the wait.</summary>
    public async Task<T> TimeAsync<T>(Phase phase, Func<Task<T>> work)
    {
        using var _ = Measure(phase);
        return await work().ConfigureAwait(false);
    }

    public async Task TimeAsync(Phase phase, Func<Task> work)
    {
        using var _ = Measure(phase);
        await work().ConfigureAwait(false);
    }

    /// <summary>Seconds per phase that has been timed at all (zero-length phases included).</summary>
    public IReadOnlyDictionary<Phase, double> Seconds
    {
        get
        {
            lock (_lock)
            {
                return Enum.GetValues<Phase>().Where(p => _seen[(int)p]).ToDictionary(p => p, p => _seconds[(int)p]);
            }
        }
    }

    public void Add(Phase phase, TimeSpan elapsed)
    {
        lock (_lock)
        {
            _seconds[(int)phase] += elapsed.TotalSeconds;
            _seen[(int)phase] = true;
        }
    }

    /// <summary>Adds another timer's phases into this one, e.g. one round's into the run's.</summary>
    public void Add(PhaseTimer other)
    {
        foreach (var (phase, seconds) in other.Seconds)
        {
            Add(phase, TimeSpan.FromSeconds(seconds));
        }
    }

    /// <summary>{ phase: seconds } in a stable order, for a component's metrics.</summary>
    public JsonObject ToJson() => new([.. Seconds.Select(p => KeyValuePair.Create(p.Key.Name(), (JsonNode?)p.Value)).OrderBy(p => p.Key, StringComparer.Ordinal)]);

    private void Enter(Phase phase)
    {
        lock (_lock)
        {
            if (_running[(int)phase]++ == 0)
            {
                _since[(int)phase] = Stopwatch.GetTimestamp();
            }
        }
    }

    private void Exit(Phase phase)
    {
        lock (_lock)
        {
            if (--_running[(int)phase] == 0)
            {
                _seconds[(int)phase] += Stopwatch.GetElapsedTime(_since[(int)phase]).TotalSeconds;
                _seen[(int)phase] = true;
            }
        }
    }

    public readonly struct Measurement : IDisposable
    {
        private readonly PhaseTimer? _timer;
        private readonly Phase _phase;

        internal Measurement(PhaseTimer? timer, Phase phase)
        {
            _timer = timer;
            _phase = phase;
            timer?.Enter(phase);
        }

        public void Dispose() => _timer?.Exit(_phase);
    }

    public readonly struct Installation(PhaseTimer? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
