using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Primes;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Rsa;

public static class RsaKeyGenerator
{
    /// <summary>
    /// A key whose n has exactly <paramref name="bits"/> bits and e = 65537, from two safe primes (the generator
    /// Paillier keys use). With p − 1 = 2p′ for a large prime p′, e is always invertible mod p − 1. A seeded
    /// <paramref name="rng"/> always yields the same key; the system CSPRNG (null) searches p and q in parallel.
    /// </summary>
    public static RsaPrivateKey Generate(int bits, RandomNumberGenerator? rng = null, IArithmeticBackend? backend = null, CancellationToken cancellationToken = default)
    {
        if (bits < 64)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "RSA key size must be at least 64 bits");
        }
        using var timing = PhaseTimer.Start(Phase.KeyGeneration);
        backend ??= ArithmeticBackends.Default;
        var (p, q) = SafePrimePair.Generate(backend, (bits + 1) / 2, bits / 2, rng, cancellationToken);
        return RsaPrivateKey.FromPrimes(p, q, backend);
    }
}
