using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// Fixed-point scales of the protocol: a signed value v travels as round(v·scale) mod n. Features and sample weights
/// become exponents of the multi-exponentiation kernel, so they stay within 64 bits; sums are far below n/2.
/// </summary>
internal static class FixedPointScales
{
    /// <summary>Scale of encrypted linear predictors (and of exp(w·x) for Poisson).</summary>
    public const double Predictor = 1 << 24;

    /// <summary>
    /// Magnitude bits of a feature value as an exponent of the gradient kernel, relative to its column's largest |value|
    /// (a power-of-two scale per column). The multi-exponentiation costs about ⌈bits / c⌉·(N + 2^(c+1)) multiplications
    /// with c near log2 N. The former fixed 2^20 scale gave 23 bits on standardised data (two 12-bit windows); 16 bits
    /// take two 8-bit windows with far fewer buckets. 13 bits would fit one window (a third less work) but moved weights
    /// up to 1.5e-4 from the LocalBaseline's (motor, Adam, L1); at 16 bits they stay within 1e-5 (LosslessnessTests).
    /// </summary>
    public const int FeatureBits = 16;

    /// <summary>Scale of sample weights and of Poisson's guest-side factor exp(w_g·x_g)·exposure.</summary>
    public const double Factor = 1 << 16;

    /// <summary>The power of two that maps a column's largest |value| just below 2^<see cref="FeatureBits"/>; dyadic values like 0/1 stay exact.</summary>
    public static double FeatureScale(ReadOnlySpan<double> column)
    {
        var max = 0.0;
        foreach (var x in column)
        {
            max = Math.Max(max, Math.Abs(x));
        }
        return max == 0 || !double.IsFinite(max) ? 1 : Math.Pow(2, Math.Floor(Math.Log2(((1 << FeatureBits) - 1) / max)));
    }

    public static long Exponent(double value, double scale, string what)
    {
        var scaled = Math.Round(value * scale);
        return Math.Abs(scaled) < 9.2e18
            ? (long)scaled
            : throw new OverflowException($"{what} = {value} is too large for the fixed-point protocol; standardise the features (standardize: true)");
    }

    public static BigNat Encode(PaillierPublicKey key, BigInteger value)
    {
        var n = key.N.ToBigInteger();
        var reduced = BigInteger.Remainder(value, n);
        return BigNat.FromBigInteger(reduced.Sign < 0 ? reduced + n : reduced);
    }

    public static BigNat Encode(PaillierPublicKey key, double value, double scale) =>
        Encode(key, new BigInteger(Math.Round(value * scale)));

    /// <summary>The signed value of m − mask mod n (mask zero for an unmasked plaintext), divided by <paramref name="scale"/>.</summary>
    public static double Decode(PaillierPublicKey key, BigInteger masked, BigInteger mask, double scale)
    {
        var n = key.N.ToBigInteger();
        var m = BigInteger.Remainder(masked - mask, n);
        if (m.Sign < 0)
        {
            m += n;
        }
        if (m > n / 2)
        {
            m -= n;
        }
        return (double)m / scale;
    }
}
