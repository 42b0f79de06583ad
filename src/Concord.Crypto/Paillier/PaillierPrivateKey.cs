using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Paillier;

/// <summary>
/// A Paillier private key (the factors p, q of n). Decrypts through the CRT, with one exponentiation modulo p² and
/// one modulo q², and encrypts through the CRT too, from fixed-base tables modulo p² and q², about twice as fast as
/// the public path.
/// </summary>
public sealed class PaillierPrivateKey
{
    private readonly Lazy<(FixedBaseTable P, FixedBaseTable Q)> _obfuscationTables;

    public PaillierPrivateKey(PaillierPublicKey publicKey, BigNat p, BigNat q)
    {
        if (p <= BigNat.One || q <= BigNat.One || p == q)
        {
            throw new ArgumentException("Paillier private key: fields 'p' and 'q' must be distinct numbers above 1");
        }
        PublicKey = publicKey;
        var ws = publicKey.Backend.Workspace;
        using var f = ws.Frame(4);
        int rp = f[0], rq = f[1], t = f[2], n = f[3];
        ws.Set(rp, p);
        ws.Set(rq, q);
        ws.Mul(t, rp, rq);
        ws.Set(n, publicKey.N);
        if (ws.Compare(t, n) != 0)
        {
            throw new ArgumentException("Paillier private key: p·q does not equal the public key's n");
        }
        P = p;
        Q = q;
        ws.Mul(t, rp, rp);
        PSquared = ws.Get(t);
        ws.Mul(t, rq, rq);
        QSquared = ws.Get(t);
        PMinusOne = p - BigNat.One;
        QMinusOne = q - BigNat.One;
        Hp = DecryptionFactor(ws, p, PSquared, PMinusOne);
        Hq = DecryptionFactor(ws, q, QSquared, QMinusOne);
        QInverseModP = Invert(ws, q, p, "q");
        PSquaredInverseModQSquared = Invert(ws, PSquared, QSquared, "p²");
        _obfuscationTables = new(() =>
        {
            var w = PublicKey.Backend.Workspace;
            return (Table(w, PSquared), Table(w, QSquared));
        });
    }

    public PaillierPublicKey PublicKey { get; }

    public BigNat P { get; }

    public BigNat Q { get; }

    internal BigNat PSquared { get; }

    internal BigNat QSquared { get; }

    private BigNat PMinusOne { get; }

    private BigNat QMinusOne { get; }

    /// <summary>h_p = L_p(g^(p−1) mod p²)⁻¹ mod p, so that m_p = L_p(c^(p−1) mod p²) · h_p mod p.</summary>
    private BigNat Hp { get; }

    private BigNat Hq { get; }

    private BigNat QInverseModP { get; }

    private BigNat PSquaredInverseModQSquared { get; }

    /// <summary>The plaintext m ∈ [0, n); rejects a ciphertext that is out of range or not coprime to n.</summary>
    public BigNat Decrypt(Ciphertext ciphertext)
    {
        PublicKey.RequireSameKey(ciphertext.PublicKey, "the ciphertext");
        using var timing = PhaseTimer.Start(Phase.Decrypt);
        return Decrypt(PublicKey.Backend.Workspace, ciphertext.Value.Limbs);
    }

    internal BigNat Decrypt(Workspace ws, ReadOnlySpan<ulong> ciphertext, string what = "ciphertext")
    {
        using var f = ws.Frame(5);
        int c = f[0], mp = f[1], mq = f[2], t = f[3], u = f[4];
        ws.Set(c, ciphertext);
        ws.Set(t, PublicKey.NSquared);
        if (ws.Sign(c) == 0 || ws.Compare(c, t) >= 0)
        {
            PublicKey.RequireInRange(BigNat.FromLimbs(ciphertext), what);
        }
        HalfDecrypt(ws, mp, c, P, PSquared, PMinusOne, Hp, what);
        HalfDecrypt(ws, mq, c, Q, QSquared, QMinusOne, Hq, what);
        // Garner: m = m_q + q · ((m_p − m_q) · q⁻¹ mod p).
        ws.Sub(mp, mp, mq);
        ws.Set(t, QInverseModP);
        ws.Mul(mp, mp, t);
        ws.Set(t, P);
        ws.Mod(mp, mp, t);
        ws.Set(t, Q);
        ws.Mul(mp, mp, t);
        ws.Add(mp, mp, mq);
        return ws.Get(mp);
    }

    /// <summary>dst = L_r(c^(r−1) mod r²) · h_r mod r.</summary>
    private static void HalfDecrypt(Workspace ws, int dst, int c, BigNat prime, BigNat primeSquared, BigNat primeMinusOne, BigNat h, string what)
    {
        using var f = ws.Frame(2);
        int r = f[0], factor = f[1];
        if (!TryL(ws, dst, c, r, prime, primeSquared, primeMinusOne))
        {
            throw new InvalidCiphertextException($"{what} is not coprime to n (it shares a factor with the modulus)");
        }
        ws.Set(factor, h);
        ws.MulMod(dst, dst, factor, r);
    }

    /// <summary>
    /// dst = L_r(x^(r−1) mod r²) = (x^(r−1) mod r² − 1) / r, leaving r in <paramref name="prime"/>. For a prime r,
    /// x^(r−1) ≡ 1 (mod r) exactly when r ∤ x, so an inexact division (false) is the coprimality check, at no extra cost.
    /// </summary>
    private static bool TryL(Workspace ws, int dst, int x, int prime, BigNat r, BigNat rSquared, BigNat rMinusOne)
    {
        using var f = ws.Frame(3);
        int m = f[0], e = f[1], remainder = f[2];
        ws.Set(m, rSquared);
        ws.Set(e, rMinusOne);
        ws.PowMod(m, x, e, m);
        ws.SubSmall(m, m, 1);
        ws.Set(prime, r);
        ws.DivRem(dst, remainder, m, prime);
        return ws.Sign(remainder) == 0;
    }

    /// <summary>Encrypts m ∈ [0, n) through the CRT; the result equals public encryption with the same randomness.</summary>
    public Ciphertext Encrypt(BigNat plaintext, RandomNumberGenerator? rng = null)
    {
        using var timing = PhaseTimer.Start(Phase.Encrypt);
        Span<ulong> x = stackalloc ulong[PublicKey.ObfuscationExponentLimbs];
        PublicKey.DrawObfuscationExponent(rng, x);
        return new Ciphertext(PublicKey, EncryptWith(PublicKey.Backend.Workspace, plaintext, x));
    }

    internal BigNat EncryptWith(Workspace ws, BigNat plaintext, ReadOnlySpan<ulong> exponent)
    {
        PublicKey.RequirePlaintext(plaintext);
        var (tableP, tableQ) = _obfuscationTables.Value;
        using var f = ws.Frame(5);
        int cp = f[0], cq = f[1], g = f[2], t = f[3], m = f[4];
        PublicKey.PlaintextFactor(ws, g, plaintext, t);
        HalfEncrypt(ws, cp, tableP, exponent, g, t, m);
        HalfEncrypt(ws, cq, tableQ, exponent, g, t, m);
        // Garner: c = c_p + p² · ((c_q − c_p) · (p²)⁻¹ mod q²).
        ws.Sub(cq, cq, cp);
        ws.Set(t, PSquaredInverseModQSquared);
        ws.MulMod(cq, cq, t, m);
        ws.Set(t, PSquared);
        ws.Mul(cq, cq, t);
        ws.Add(cp, cp, cq);
        return ws.Get(cp);
    }

    /// <summary>dst = h_s^x · g^m modulo the table's modulus, which is left in <paramref name="modulus"/>.</summary>
    private static void HalfEncrypt(Workspace ws, int dst, FixedBaseTable table, ReadOnlySpan<ulong> exponent, int plaintextFactor, int scratch, int modulus)
    {
        ws.Set(modulus, table.Modulus);
        table.Power(ws, dst, exponent, scratch, modulus);
        ws.MulMod(dst, dst, plaintextFactor, modulus);
    }

    private FixedBaseTable Table(Workspace ws, BigNat modulus) =>
        FixedBaseTable.Build(ws, PublicKey.ObfuscationBase, modulus, PublicKey.ObfuscationExponentBits);

    /// <summary>h_r = L_r(g^(r−1) mod r²)⁻¹ mod r for g = n + 1.</summary>
    private BigNat DecryptionFactor(Workspace ws, BigNat prime, BigNat primeSquared, BigNat primeMinusOne)
    {
        using var f = ws.Frame(3);
        int g = f[0], l = f[1], r = f[2];
        ws.Set(g, PublicKey.N);
        ws.AddSmall(g, g, 1);
        if (!TryL(ws, l, g, r, prime, primeSquared, primeMinusOne) || !ws.TryInvert(l, l, r))
        {
            throw new ArgumentException("Paillier private key: L(g^(p−1) mod p²) is not invertible; p or q is not prime");
        }
        return ws.Get(l);
    }

    private static BigNat Invert(Workspace ws, BigNat value, BigNat modulus, string what)
    {
        using var f = ws.Frame(2);
        ws.Set(f[0], value);
        ws.Set(f[1], modulus);
        return ws.TryInvert(f[0], f[0], f[1])
            ? ws.Get(f[0])
            : throw new ArgumentException($"Paillier private key: {what} has no inverse; p and q must be coprime primes");
    }

    public byte[] ToBytes() => PaillierKeySerializer.Write(this);

    /// <summary>Reads a key written by <see cref="ToBytes"/>, checking that p and q are prime.</summary>
    public static PaillierPrivateKey FromBytes(ReadOnlySpan<byte> bytes, IArithmeticBackend? backend = null) =>
        PaillierKeySerializer.ReadPrivate(bytes, backend);
}
