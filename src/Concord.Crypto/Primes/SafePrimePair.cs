using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Primes;

/// <summary>The two distinct secret primes behind a Paillier or RSA modulus.</summary>
internal static class SafePrimePair
{
    /// <summary>
    /// Safe primes of <paramref name="pBits"/> and <paramref name="qBits"/> bits, so that p·q has exactly their sum.
    /// With the system CSPRNG (<paramref name="rng"/> null) p and q are searched in parallel; with a given generator
    /// they are searched one after the other, so that a seeded generator always yields the same pair.
    /// </summary>
    public static (BigNat P, BigNat Q) Generate(IArithmeticBackend backend, int pBits, int qBits, RandomNumberGenerator? rng, CancellationToken cancellationToken)
    {
        BigNat p, q;
        do
        {
            if (rng is null)
            {
                var primes = new BigNat[2];
                int[] bits = [pBits, qBits];
                Parallel.For(0, 2, i => primes[i] = SafePrimeGenerator.Generate(backend, bits[i], null, cancellationToken));
                (p, q) = (primes[0], primes[1]);
            }
            else
            {
                p = SafePrimeGenerator.Generate(backend, pBits, rng, cancellationToken);
                q = SafePrimeGenerator.Generate(backend, qBits, rng, cancellationToken);
            }
        }
        while (p == q);
        return (p, q);
    }
}
