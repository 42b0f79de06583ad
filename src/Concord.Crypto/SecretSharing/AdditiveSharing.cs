using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Concord.Crypto.SecretSharing;

/// <summary>
/// Additive secret sharing over Z_2^64: x = Σ_i x_i mod 2^64, with all shares but one uniformly random, so any
/// n − 1 of them are independent of x. Sums of shared values are local; products need <see cref="BeaverMultiplication"/>.
/// </summary>
public static class AdditiveSharing
{
    /// <summary>Shares of each secret for <paramref name="parties"/> parties: result[party][i].</summary>
    public static ulong[][] Share(ReadOnlySpan<ulong> secrets, int parties, RandomNumberGenerator? rng = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parties, 2);
        var shares = new ulong[parties][];
        var last = secrets.ToArray();
        for (var p = 0; p < parties - 1; p++)
        {
            shares[p] = RandomRing(secrets.Length, rng);
            for (var i = 0; i < last.Length; i++)
            {
                last[i] -= shares[p][i];
            }
        }
        shares[parties - 1] = last;
        return shares;
    }

    public static ulong[] Share(ulong secret, int parties, RandomNumberGenerator? rng = null) =>
        Share([secret], parties, rng).Select(s => s[0]).ToArray();

    /// <summary>Σ of the parties' shares: result[i] = Σ_p shares[p][i].</summary>
    public static ulong[] Reconstruct(IReadOnlyList<ulong[]> shares)
    {
        if (shares.Count == 0)
        {
            throw new ArgumentException("no shares to reconstruct from", nameof(shares));
        }
        var result = new ulong[shares[0].Length];
        for (var p = 0; p < shares.Count; p++)
        {
            if (shares[p].Length != result.Length)
            {
                throw new ArgumentException($"party {p} holds {shares[p].Length} shares; party 0 holds {result.Length}");
            }
            for (var i = 0; i < result.Length; i++)
            {
                result[i] += shares[p][i];
            }
        }
        return result;
    }

    /// <summary>
    /// Two-party local truncation by <paramref name="bits"/> (SecureML): party 0 shifts its share arithmetically,
    /// party 1 negates, shifts and negates back. For |x| &lt; 2^ℓ the result is ⌊x/2^bits⌋ off by at most one unit,
    /// except with probability about 2^(ℓ+1−64) of a large error; keep values well inside the ring.
    /// </summary>
    public static ulong Truncate(ulong share, int party, int bits)
    {
        if (party is not (0 or 1))
        {
            throw new ArgumentOutOfRangeException(nameof(party), party, "local truncation is defined for two parties, 0 and 1");
        }
        ArgumentOutOfRangeException.ThrowIfNegative(bits);
        return party == 0
            ? (ulong)((long)share >> bits)
            : (ulong)-((-(long)share) >> bits);
    }

    public static ulong[] Truncate(ReadOnlySpan<ulong> shares, int party, int bits)
    {
        var result = new ulong[shares.Length];
        for (var i = 0; i < shares.Length; i++)
        {
            result[i] = Truncate(shares[i], party, bits);
        }
        return result;
    }

    internal static ulong[] RandomRing(int count, RandomNumberGenerator? rng)
    {
        var values = new ulong[count];
        var bytes = MemoryMarshal.AsBytes(values.AsSpan());
        if (rng is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            rng.GetBytes(bytes);
        }
        return values;
    }
}
