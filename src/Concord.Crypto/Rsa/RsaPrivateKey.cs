using Concord.Crypto.Arithmetic;

namespace Concord.Crypto.Rsa;

/// <summary>
/// An RSA private key held as the primes p, q and the CRT exponents, so that a signature x^d mod n costs one
/// exponentiation modulo p and one modulo q, each with a half-size exponent: about four times cheaper than mod n.
/// </summary>
public sealed class RsaPrivateKey
{
    private RsaPrivateKey(RsaPublicKey publicKey, BigNat p, BigNat q, BigNat dp, BigNat dq, BigNat qInverse)
    {
        PublicKey = publicKey;
        P = p;
        Q = q;
        DP = dp;
        DQ = dq;
        QInverse = qInverse;
    }

    public RsaPublicKey PublicKey { get; }

    public BigNat P { get; }

    public BigNat Q { get; }

    /// <summary>d mod (p − 1).</summary>
    internal BigNat DP { get; }

    /// <summary>d mod (q − 1).</summary>
    internal BigNat DQ { get; }

    /// <summary>q⁻¹ mod p, for Garner's recombination.</summary>
    internal BigNat QInverse { get; }

    /// <summary>The key with modulus p·q and public exponent <paramref name="e"/>; p and q must be distinct primes.</summary>
    public static RsaPrivateKey FromPrimes(BigNat p, BigNat q, IArithmeticBackend? backend = null, ulong e = RsaPublicKey.StandardExponent)
    {
        if (p <= BigNat.One || q <= BigNat.One || p == q)
        {
            throw new ArgumentException("RSA private key: p and q must be distinct numbers above 1");
        }
        backend ??= ArithmeticBackends.Default;
        var ws = backend.Workspace;
        using var f = ws.Frame(4);
        int rp = f[0], rq = f[1], t = f[2], re = f[3];
        ws.Set(rp, p);
        ws.Set(rq, q);
        ws.SetSmall(re, e);
        ws.Mul(t, rp, rq);
        var publicKey = new RsaPublicKey(ws.Get(t), BigNat.FromUInt64(e), backend);
        return new RsaPrivateKey(publicKey, p, q, Inverse(ws, re, p - BigNat.One, "e mod (p − 1)"), Inverse(ws, re, q - BigNat.One, "e mod (q − 1)"),
            Inverse(ws, rq, p, "q mod p"));
    }

    private static BigNat Inverse(Workspace ws, int value, BigNat modulus, string what)
    {
        using var f = ws.Frame(2);
        ws.Set(f[1], modulus);
        return ws.TryInvert(f[0], value, f[1])
            ? ws.Get(f[0])
            : throw new ArgumentException($"RSA private key: {what} has no inverse; p and q must be primes with gcd(e, (p − 1)(q − 1)) = 1");
    }
}
