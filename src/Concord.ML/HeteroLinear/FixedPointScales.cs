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

    /// <summary>Scale of feature values as exponents of the gradient kernel.</summary>
    public const double Feature = 1 << 20;

    /// <summary>Scale of sample weights and of Poisson's guest-side factor exp(w_g·x_g)·exposure.</summary>
    public const double Factor = 1 << 16;

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
