using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Concord.Crypto.Privacy;

/// <summary>
/// Gaussian noise for differential privacy, from the operating system's CSPRNG: DP noise that another party could
/// regenerate from a shared seed would protect nothing. Box–Muller over 53-bit uniforms; like every floating-point
/// Gaussian it leaves Mironov's (2012) least-significant-bit leak unaddressed.
/// </summary>
public static class GaussianNoise
{
    /// <summary>Adds N(0, <paramref name="standardDeviation"/>²) independently to each value.</summary>
    public static void Add(Span<double> values, double standardDeviation)
    {
        if (!(standardDeviation >= 0) || !double.IsFinite(standardDeviation))
        {
            throw new ArgumentOutOfRangeException(nameof(standardDeviation), standardDeviation, "the noise's standard deviation must be finite and not negative");
        }
        if (standardDeviation == 0)
        {
            return;
        }
        var bits = new ulong[Math.Min(2 * values.Length, 1 << 16)];
        var used = bits.Length;
        for (var i = 0; i < values.Length; i += 2)
        {
            if (used + 2 > bits.Length)
            {
                RandomNumberGenerator.Fill(MemoryMarshal.AsBytes(bits.AsSpan()));
                used = 0;
            }
            // (0, 1]: never 0, so the logarithm is finite.
            var u1 = ((bits[used++] >> 11) + 1) * (1.0 / (1UL << 53));
            var u2 = (bits[used++] >> 11) * (1.0 / (1UL << 53));
            var radius = standardDeviation * Math.Sqrt(-2 * Math.Log(u1));
            values[i] += radius * Math.Cos(2 * Math.PI * u2);
            if (i + 1 < values.Length)
            {
                values[i + 1] += radius * Math.Sin(2 * Math.PI * u2);
            }
        }
    }
}
