using System.Diagnostics;

namespace Concord.Bench.Paillier;

/// <summary>Measures operations per second on one core and on every core, for a fixed time each.</summary>
internal sealed class ThroughputMeter(double seconds, int cores, IProgress<string>? progress, CancellationToken cancellationToken)
{
    /// <summary>
    /// A loop of single operations: once on this thread, then on one thread per core at the same time.
    /// <paramref name="worker"/> makes each thread's operation, so that threads share no mutable state.
    /// </summary>
    public BenchmarkFigure Loop(string id, string name, string unit, Func<Action> worker)
    {
        progress?.Report($"{name}: 1 core");
        var single = worker();
        single();
        var perCore = CountFor(single);
        progress?.Report($"{name}: {cores} cores");
        var workers = Enumerable.Range(0, cores).Select(_ => worker()).ToArray();
        var counts = new double[cores];
        var threads = workers.Select((w, i) => new Thread(() =>
        {
            w();
            counts[i] = CountFor(w);
        })).ToArray();
        foreach (var thread in threads)
        {
            thread.Start();
        }
        foreach (var thread in threads)
        {
            thread.Join();
        }
        cancellationToken.ThrowIfCancellationRequested();
        return new BenchmarkFigure(id, name, unit, perCore, counts.Sum());
    }

    /// <summary>
    /// A batch call of the library's parallel API, given the degree of parallelism and returning the units it did,
    /// repeated for the measuring time (at least once).
    /// </summary>
    public BenchmarkFigure Batch(string id, string name, string unit, Func<int, int> batch)
    {
        progress?.Report($"{name}: 1 core");
        var perCore = Repeat(() => batch(1));
        progress?.Report($"{name}: {cores} cores");
        var allCores = Repeat(() => batch(-1));
        return new BenchmarkFigure(id, name, unit, perCore, allCores);
    }

    private double CountFor(Action operation)
    {
        var watch = Stopwatch.StartNew();
        long count = 0;
        while (watch.Elapsed.TotalSeconds < seconds && !cancellationToken.IsCancellationRequested)
        {
            operation();
            count++;
        }
        return count / watch.Elapsed.TotalSeconds;
    }

    private double Repeat(Func<int> batch)
    {
        var watch = Stopwatch.StartNew();
        long units = 0;
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            units += batch();
        }
        while (watch.Elapsed.TotalSeconds < seconds);
        return units / watch.Elapsed.TotalSeconds;
    }
}
