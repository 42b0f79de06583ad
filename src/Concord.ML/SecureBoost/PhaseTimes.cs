using System.Diagnostics;

namespace Concord.ML.SecureBoost;

/// <summary>Where a party's SecureBoost time goes.</summary>
public enum Phase
{
    /// <summary>Guest: encoding and encrypting the gradients.</summary>
    Encrypt,
    /// <summary>Guest: decrypting and unpacking the hosts' candidate sums.</summary>
    Decrypt,
    /// <summary>Host: encrypted histograms, candidate sums, packing and re-randomising them.</summary>
    Histogram,
    /// <summary>Plaintext histograms and gains of the guest's own features.</summary>
    SplitSearch,
    /// <summary>Host: partitioning a node on a chosen split, and answering prediction queries.</summary>
    Partition,
    /// <summary>Waiting for a peer's message: the transport, and whatever the peer computes meanwhile.</summary>
    Waiting,
}

/// <summary>The Paillier operations a party performed, which the time per phase is made of.</summary>
public enum Operation
{
    Encryptions,
    /// <summary>Homomorphic additions (modular multiplications of ciphertexts) in histograms.</summary>
    Additions,
    Decryptions,
}

/// <summary>
/// Seconds per <see cref="Phase"/>, accumulated across threads, the operations counted, and the CPU time the party's
/// process used meanwhile: on a shared machine the wall-clock phases stretch with the load, the CPU time much less.
/// </summary>
public sealed class PhaseTimes
{
    private readonly long[] _ticks = new long[Enum.GetValues<Phase>().Length];
    private readonly long[] _operations = new long[Enum.GetValues<Operation>().Length];
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private TimeSpan? _cpu;

    /// <summary>CPU seconds of the whole process (every thread) from this object's creation to <see cref="Stop"/>.</summary>
    public double CpuSeconds => (_cpu ?? (Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart)).TotalSeconds;

    public void Stop() => _cpu ??= Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;

    public Measurement Measure(Phase phase) => new(this, phase, Stopwatch.GetTimestamp());

    public double Seconds(Phase phase) => (double)Interlocked.Read(ref _ticks[(int)phase]) / Stopwatch.Frequency;

    public void Count(Operation operation, long count) => Interlocked.Add(ref _operations[(int)operation], count);

    public IReadOnlyDictionary<string, long> Operations() =>
        Enum.GetValues<Operation>().ToDictionary(o => o.ToString().ToLowerInvariant(), o => Interlocked.Read(ref _operations[(int)o]));

    public IReadOnlyDictionary<string, double> ToDictionary() =>
        Enum.GetValues<Phase>().ToDictionary(p => Name(p), Seconds).Append(KeyValuePair.Create("cpu", CpuSeconds)).ToDictionary();

    /// <summary>The phase's name in metrics: snake_case.</summary>
    public static string Name(Phase phase) => phase switch
    {
        Phase.SplitSearch => "split_search",
        _ => phase.ToString().ToLowerInvariant(),
    };

    public async Task<T> WaitAsync<T>(Task<T> message)
    {
        using var _ = Measure(Phase.Waiting);
        return await message.ConfigureAwait(false);
    }

    public async Task WaitAsync(Task message)
    {
        using var _ = Measure(Phase.Waiting);
        await message.ConfigureAwait(false);
    }

    public readonly struct Measurement(PhaseTimes times, Phase phase, long started) : IDisposable
    {
        public void Dispose() => Interlocked.Add(ref times._ticks[(int)phase], Stopwatch.GetTimestamp() - started);
    }
}
