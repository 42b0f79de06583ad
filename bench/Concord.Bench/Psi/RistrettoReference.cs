using Concord.Bench.Paillier;
using Concord.Crypto.Ristretto;

namespace Concord.Bench.Psi;

/// <summary>
/// libsodium's own speed on this machine, the floor under ECDH-PSI: one hash-to-group and one scalar multiplication
/// per call, on one core and on every core at once.
/// </summary>
public static class RistrettoReference
{
    public static IReadOnlyList<BenchmarkFigure> Measure(double seconds, IProgress<string>? progress, CancellationToken ct)
    {
        var meter = new ThroughputMeter(seconds, Environment.ProcessorCount, progress, ct);
        var hash = new byte[Ristretto255.HashBytes];
        Random.Shared.NextBytes(hash);
        var point = new byte[Ristretto255.PointBytes];
        Ristretto255.FromHash(hash, point);
        return
        [
            meter.Loop("from_hash", "libsodium crypto_core_ristretto255_from_hash", "op/s", () =>
            {
                var output = new byte[Ristretto255.PointBytes];
                return () => Ristretto255.FromHash(hash, output);
            }),
            meter.Loop("scalarmult", "libsodium crypto_scalarmult_ristretto255", "op/s", () =>
            {
                var scalar = Ristretto255.RandomScalar();
                var output = new byte[Ristretto255.PointBytes];
                return () => Ristretto255.Multiply(scalar, point, output);
            }),
        ];
    }
}
