namespace Concord.Bench.Paillier;

/// <summary>
/// Everything one run of <c>concord bench paillier</c> measured, with the ratios against the targets;
/// <see cref="TotalSeconds"/> is the whole run (key generation, gmp_limit and every figure).
/// </summary>
public sealed record PaillierBenchmarkResult(
    int KeyBits,
    string Backend,
    int Cores,
    double KeyGenerationSeconds,
    string PackingScheme,
    IReadOnlyList<BenchmarkFigure> Figures,
    GmpLimitFigures GmpLimit,
    IReadOnlyList<BenchmarkRatio> Ratios,
    double TotalSeconds);

/// <summary>A throughput on one core and on all cores.</summary>
public sealed record BenchmarkFigure(string Id, string Name, string Unit, double PerCore, double AllCores);

/// <summary>
/// Ours over gmp_limit's single-core figure, both from this run; null when gmp_limit could not run.
/// <see cref="Target"/> is the minimum (set at 2048 bits) or null for an informative ratio.
/// </summary>
public sealed record BenchmarkRatio(string Id, string Description, double? Value, double? Target, bool? Met);
