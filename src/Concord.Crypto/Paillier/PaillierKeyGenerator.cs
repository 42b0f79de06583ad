using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Primes;

namespace Concord.Crypto.Paillier;

public static class PaillierKeyGenerator
{
    /// <summary>
    /// A key whose n has exactly <paramref name="bits"/> bits, from two safe primes of bits/2 bits.
    /// With the system CSPRNG (<paramref name="rng"/> null) p and q are searched in parallel; with a given generator
    /// they are searched one after the other, so that a seeded generator always yields the same key.
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
        backend ??= ArithmeticBackends.Default;
        BigNat p, q;
        do
        {
            if (rng is null)
            {
                var primes = new BigNat[2];
                Parallel.For(0, 2, i => primes[i] = SafePrimeGenerator.Generate(backend, bits / 2, null, cancellationToken));
                (p, q) = (primes[0], primes[1]);
            }
            else
            {
                p = SafePrimeGenerator.Generate(backend, bits / 2, rng, cancellationToken);
                q = SafePrimeGenerator.Generate(backend, bits / 2, rng, cancellationToken);
            }
        }
        while (p == q);
        return PaillierKeyPair.FromPrimes(p, q, obfuscationExponentBits, backend);
    }
}
