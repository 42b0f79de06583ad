using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Primes;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Paillier;

public static class PaillierKeyGenerator
{
    /// <summary>
    /// A key whose n has exactly <paramref name="bits"/> bits, from two safe primes of bits/2 bits. A seeded
    /// <paramref name="rng"/> always yields the same key; the system CSPRNG (null) searches p and q in parallel.
    /// </summary>
    public static PaillierKeyPair Generate(
        int bits,
        RandomNumberGenerator? rng = null,
        IArithmeticBackend? backend = null,
        int? obfuscationExponentBits = null,
        CancellationToken cancellationToken = default)
    {
        if (bits < 32 || bits % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "Paillier key size must be an even number of bits, at least 32");
        }
        using var timing = PhaseTimer.Start(Phase.KeyGeneration);
        backend ??= ArithmeticBackends.Default;
        var (p, q) = SafePrimePair.Generate(backend, bits / 2, bits / 2, rng, cancellationToken);
        return PaillierKeyPair.FromPrimes(p, q, obfuscationExponentBits, backend);
    }
}
