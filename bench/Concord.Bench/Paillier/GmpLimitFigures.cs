namespace Concord.Bench.Paillier;

/// <summary>
/// What ../shared/bench/gmp_limit.c printed in this run: raw libgmp rates of the operations Paillier is made of,
/// or why there are none (no gcc, no source, no libgmp headers).
/// </summary>
public sealed record GmpLimitFigures(
    string? Line,
    string? Unavailable,
    double? FullObfuscationPerSecond,
    double? DjnObfuscationPerSecond,
    double? MulModPerSecond,
    double? ScalarPowmPerSecond,
    double? CrtDecryptPerSecond)
{
    public static GmpLimitFigures Missing(string reason) => new(null, reason, null, null, null, null, null);
}
