using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Primes;

/// <summary>
/// Random safe primes p = 2q + 1 (q prime). Candidates q are sieved together with 2q + 1 over a window of offsets,
/// so that both are free of small factors before any exponentiation; survivors then pass cheap base-2 Fermat tests
/// on q and p, then a full probable-prime test on q, after which p is proven prime by Pocklington's criterion.
/// </summary>
internal static class SafePrimeGenerator
{
    private const int WindowOffsets = 1 << 18;
    private const int PrimalityRounds = 40;

    /// <summary>A safe prime of exactly <paramref name="bits"/> bits whose top two bits are set (so a product of two has 2·bits bits).</summary>
    public static BigNat Generate(IArithmeticBackend backend, int bits, RandomNumberGenerator? rng, CancellationToken cancellationToken = default)
    {
        if (bits < 16)
        {
            throw new ArgumentOutOfRangeException(nameof(bits), bits, "safe primes need at least 16 bits");
        }
        var ws = backend.Workspace;
        var qBits = bits - 1;
        // Sieve primes must stay below q, or the sieve would strike a prime q equal to one of them.
        var sieve = SievePrimes(qBits);
        var residues = new uint[sieve.Length];
        var struck = new bool[WindowOffsets];
        using var f = ws.Frame(6);
        int q0 = f[0], q = f[1], p = f[2], t = f[3], two = f[4], e = f[5];
        ws.SetSmall(two, 2);
        var start = new ulong[(qBits + 63) / 64];
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            RandomLimbs.Fill(rng, start, qBits);
            // Top two bits set (p keeps them after doubling), and odd.
            start[(qBits - 1) / 64] |= 1UL << ((qBits - 1) % 64);
            start[(qBits - 2) / 64] |= 1UL << ((qBits - 2) % 64);
            start[0] |= 1;
            ws.Set(q0, start);
            for (var i = 0; i < sieve.Length; i++)
            {
                residues[i] = (uint)ws.ModSmall(q0, sieve[i]);
            }
            Strike(struck, sieve, residues);
            for (var offset = 0; offset < WindowOffsets; offset++)
            {
                if (struck[offset])
                {
                    continue;
                }
                ws.AddSmall(q, q0, 2UL * (ulong)offset);
                if (ws.BitLength(q) != qBits)
                {
                    break;
                }
                if (!FermatBase2(ws, q, two, t, e))
                {
                    continue;
                }
                ws.ShiftLeft(p, q, 1);
                ws.AddSmall(p, p, 1);
                if (!FermatBase2(ws, p, two, t, e) || !ws.IsProbablePrime(q, PrimalityRounds))
                {
                    continue;
                }
                // Pocklington: p − 1 = 2q with q prime and q > √p, 2^(p−1) ≡ 1 (mod p) and gcd(2² − 1, p) = 1 prove p prime.
                return ws.Get(p);
            }
        }
    }

    private static uint[] SievePrimes(int qBits)
    {
        var all = SmallPrimes.Odd;
        var limit = qBits >= 32 ? uint.MaxValue : 1u << (qBits - 2);
        var count = 0;
        while (count < all.Length && all[count] < limit)
        {
            count++;
        }
        return all[..count].ToArray();
    }

    /// <summary>Marks every offset k for which q = q0 + 2k or 2q + 1 has a sieve prime as a factor.</summary>
    private static void Strike(bool[] struck, uint[] primes, uint[] residues)
    {
        Array.Clear(struck);
        for (var i = 0; i < primes.Length; i++)
        {
            ulong s = primes[i];
            var r = residues[i];
            var halfInverse = (s + 1) / 2; // 2^-1 mod s
            // q ≡ 0 (mod s) at k ≡ −r/2; 2q + 1 ≡ 0 at q ≡ (s − 1)/2, i.e. k ≡ ((s − 1)/2 − r)/2.
            var k0 = (s - r) % s * halfInverse % s;
            var k1 = ((((s - 1) / 2) + s - r) % s) * halfInverse % s;
            for (var k = k0; k < (ulong)struck.Length; k += s)
            {
                struck[k] = true;
            }
            for (var k = k1; k < (ulong)struck.Length; k += s)
            {
                struck[k] = true;
            }
        }
    }

    private static bool FermatBase2(Workspace ws, int candidate, int two, int t, int e)
    {
        ws.SubSmall(e, candidate, 1);
        ws.PowMod(t, two, e, candidate);
        return ws.BitLength(t) == 1;
    }
}
