using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Concord.Crypto.Arithmetic;

/// <summary>Uniform random bits from a CSPRNG: the caller's, for reproducible tests, or the system's.</summary>
internal static class RandomLimbs
{
    /// <summary>Fills <paramref name="limbs"/> with <paramref name="bits"/> uniform bits (the rest zero).</summary>
    public static void Fill(RandomNumberGenerator? rng, Span<ulong> limbs, int bits)
    {
        var used = (bits + 63) / 64;
        if (used > limbs.Length)
        {
            throw new ArgumentException($"{bits} bits do not fit {limbs.Length} limbs");
        }
        limbs.Clear();
        var bytes = MemoryMarshal.AsBytes(limbs[..used]);
        if (rng is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            rng.GetBytes(bytes);
        }
        if (bits % 64 != 0)
        {
            limbs[used - 1] &= (1UL << (bits % 64)) - 1;
        }
    }
}
