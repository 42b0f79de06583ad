namespace Concord.Crypto.Primes;

/// <summary>The odd primes below a bound, by the sieve of Eratosthenes, for trial-division sieving of candidates.</summary>
internal static class SmallPrimes
{
    public const int Bound = 1 << 18;

    private static readonly Lazy<uint[]> Lazy = new(() => Sieve(Bound));

    /// <summary>Odd primes 3, 5, 7, … below <see cref="Bound"/>.</summary>
    public static ReadOnlySpan<uint> Odd => Lazy.Value;

    private static uint[] Sieve(int bound)
    {
        var composite = new bool[bound];
        var primes = new List<uint>();
        for (var i = 3; i < bound; i += 2)
        {
            if (composite[i])
            {
                continue;
            }
            primes.Add((uint)i);
            for (var j = (long)i * i; j < bound; j += 2L * i)
            {
                composite[j] = true;
            }
        }
        return [.. primes];
    }
}
