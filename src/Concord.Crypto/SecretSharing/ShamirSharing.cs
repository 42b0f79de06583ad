using System.Numerics;
using System.Security.Cryptography;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.SecretSharing;

/// <summary>One share of a Shamir-shared secret: the polynomial's value <see cref="Y"/> at x = <see cref="X"/> (x ≥ 1), little-endian.</summary>
public sealed record ShamirShare(int X, byte[] Y);

/// <summary>
/// Shamir's (t, n) threshold sharing over the prime field of the Mersenne prime p = 2^521 − 1: a secret of up to 64
/// bytes is the constant term of a random polynomial of degree t − 1, and party i holds its value at x = i. Any t
/// shares give the secret back by Lagrange interpolation at 0; any t − 1 are uniformly random, whatever the secret.
/// </summary>
public static class ShamirSharing
{
    /// <summary>The largest secret: 512 bits, below p, so every byte string of up to this length is a field element.</summary>
    public const int MaxSecretBytes = 64;

    /// <summary>Bytes of a share's value: a field element below 2^521.</summary>
    public const int ShareBytes = 66;

    private static readonly BigInteger Prime = (BigInteger.One << 521) - 1;

    /// <summary>Shares of <paramref name="secret"/> at the x-coordinates <paramref name="xs"/> (distinct, each at least 1).</summary>
    public static ShamirShare[] Split(ReadOnlySpan<byte> secret, int threshold, IReadOnlyList<int> xs, RandomNumberGenerator? rng = null)
    {
        using var timing = PhaseTimer.Start(Phase.Sharing);
        if (secret.Length > MaxSecretBytes)
        {
            throw new ArgumentException($"a Shamir secret may have at most {MaxSecretBytes} bytes, not {secret.Length}", nameof(secret));
        }
        if (threshold < 1 || threshold > xs.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(threshold), threshold, $"the threshold must be between 1 and the {xs.Count} shares");
        }
        if (xs.Any(x => x < 1) || xs.Distinct().Count() != xs.Count)
        {
            throw new ArgumentException("share x-coordinates must be distinct and at least 1 (x = 0 is the secret itself)", nameof(xs));
        }
        var coefficients = new BigInteger[threshold];
        coefficients[0] = new BigInteger(secret, isUnsigned: true, isBigEndian: false);
        for (var k = 1; k < threshold; k++)
        {
            coefficients[k] = RandomElement(rng);
        }
        return [.. xs.Select(x =>
        {
            // Horner's rule at x.
            var y = BigInteger.Zero;
            for (var k = threshold - 1; k >= 0; k--)
            {
                y = ((y * x) + coefficients[k]) % Prime;
            }
            return new ShamirShare(x, ToBytes(y));
        })];
    }

    /// <summary>
    /// The secret from at least t shares (more are fine; fewer give a wrong answer that looks random, since nothing in
    /// the shares says what t was). <paramref name="secretLength"/> is the shared secret's length in bytes.
    /// </summary>
    public static byte[] Combine(IReadOnlyList<ShamirShare> shares, int secretLength)
    {
        using var timing = PhaseTimer.Start(Phase.Sharing);
        if (shares.Count == 0)
        {
            throw new ArgumentException("no shares to combine", nameof(shares));
        }
        if (shares.Select(s => s.X).Distinct().Count() != shares.Count || shares.Any(s => s.X < 1))
        {
            throw new ArgumentException("shares must have distinct x-coordinates of at least 1", nameof(shares));
        }
        if (secretLength is < 0 or > MaxSecretBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(secretLength), secretLength, $"a Shamir secret has 0 to {MaxSecretBytes} bytes");
        }
        var secret = BigInteger.Zero;
        for (var i = 0; i < shares.Count; i++)
        {
            if (shares[i].Y.Length != ShareBytes)
            {
                throw new ArgumentException($"share {i} has {shares[i].Y.Length} bytes; a share is {ShareBytes}", nameof(shares));
            }
            var y = new BigInteger(shares[i].Y, isUnsigned: true, isBigEndian: false);
            if (y >= Prime)
            {
                throw new ArgumentException($"share {i} is not a field element", nameof(shares));
            }
            secret = (secret + (y * LagrangeAtZero(shares, i))) % Prime;
        }
        var bytes = secret.ToByteArray(isUnsigned: true, isBigEndian: false);
        if (bytes.Length > secretLength && !(secret.IsZero && secretLength == 0))
        {
            // Too few shares (or shares of different secrets) interpolate to a random field element.
            throw new ArgumentException($"the shares do not combine to a {secretLength}-byte secret: too few shares for the threshold, or shares of different secrets");
        }
        var result = new byte[secretLength];
        bytes.AsSpan(0, Math.Min(bytes.Length, secretLength)).CopyTo(result);
        return result;
    }

    /// <summary>
    /// Share <paramref name="i"/>'s Lagrange basis polynomial at 0, Π_{j≠i} x_j / (x_j − x_i) mod p. The x-coordinates
    /// are small integers, so the products are taken exactly and inverted by Euclid's algorithm in a few steps: by
    /// Fermat (a 521-bit exponentiation per share) the arbiter spent 4 ms on each secret it rebuilt.
    /// </summary>
    private static BigInteger LagrangeAtZero(IReadOnlyList<ShamirShare> shares, int i)
    {
        var (numerator, denominator) = (BigInteger.One, BigInteger.One);
        for (var j = 0; j < shares.Count; j++)
        {
            if (j != i)
            {
                numerator *= shares[j].X;
                denominator *= (long)shares[j].X - shares[i].X;
            }
        }
        return numerator % Prime * Inverse(Mod(denominator)) % Prime;
    }

    /// <summary>a⁻¹ mod p for a in [1, p), by the extended Euclidean algorithm.</summary>
    private static BigInteger Inverse(BigInteger a)
    {
        var (r0, r1) = (Prime, a);
        var (s0, s1) = (BigInteger.Zero, BigInteger.One);
        while (!r1.IsZero)
        {
            var quotient = BigInteger.DivRem(r0, r1, out var remainder);
            (r0, r1) = (r1, remainder);
            (s0, s1) = (s1, s0 - (quotient * s1));
        }
        // r0 is gcd(p, a) = 1, since p is prime and a is not a multiple of it.
        return Mod(s0);
    }

    private static BigInteger Mod(BigInteger value) => ((value % Prime) + Prime) % Prime;

    private static byte[] ToBytes(BigInteger element)
    {
        var bytes = new byte[ShareBytes];
        element.TryWriteBytes(bytes, out _, isUnsigned: true, isBigEndian: false);
        return bytes;
    }

    private static BigInteger RandomElement(RandomNumberGenerator? rng)
    {
        var bytes = new byte[ShareBytes];
        while (true)
        {
            if (rng is null)
            {
                RandomNumberGenerator.Fill(bytes);
            }
            else
            {
                rng.GetBytes(bytes);
            }
            bytes[^1] &= 0x01; // 521 bits
            var value = new BigInteger(bytes, isUnsigned: true, isBigEndian: false);
            if (value < Prime)
            {
                return value;
            }
        }
    }
}
