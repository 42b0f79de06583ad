namespace Concord.Bench.Paillier;

public sealed record PaillierBenchmarkOptions
{
    public int KeyBits { get; init; } = 2048;

    /// <summary>How long each throughput is measured, per core and again on all cores.</summary>
    public double SecondsPerFigure { get; init; } = 2.0;

    /// <summary>gmp_limit.c; null searches for shared/bench/gmp_limit.c above the working folder.</summary>
    public string? GmpLimitSource { get; init; }

    public int MultiExponentiationTerms { get; init; } = 100_000;

    /// <summary>Progress notes for the user while the run goes on (key generation and measurement take a while).</summary>
    public IProgress<string>? Progress { get; init; }
}
