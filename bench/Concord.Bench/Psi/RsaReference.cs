using Concord.Bench.Paillier;
using Concord.Crypto.Rsa;

namespace Concord.Bench.Psi;

/// <summary>
/// The floor under RSA-PSI on this machine: CRT signatures (libgmp's powm modulo p and q) through the same batch call
/// the host signs with, on one core and on every core.
/// </summary>
public static class RsaReference
{
    private const int Batch = 32;

    public static IReadOnlyList<BenchmarkFigure> Measure(int keyBits, double seconds, IProgress<string>? progress, CancellationToken ct)
    {
        progress?.Report($"generating a {keyBits}-bit RSA key for the reference");
        var key = RsaKeyGenerator.Generate(keyBits, cancellationToken: ct);
        var values = RsaBlindSignatures.HashIds(key.PublicKey, [.. Enumerable.Range(0, Batch).Select(i => $"reference-{i}")], "bench"u8);
        var meter = new ThroughputMeter(seconds, Environment.ProcessorCount, progress, ct);
        return
        [
            meter.Batch("rsa_sign", $"RSA-{keyBits} CRT signature (libgmp powm mod p and q)", "op/s", threads =>
            {
                RsaBlindSignatures.Sign(key, values, maxDegreeOfParallelism: threads);
                return Batch;
            }),
        ];
    }
}
