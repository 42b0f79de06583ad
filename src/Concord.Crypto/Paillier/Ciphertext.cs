using System.Numerics;
using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Profiling;

namespace Concord.Crypto.Paillier;

/// <summary>
/// A Paillier ciphertext c ∈ Z*_{n²} with the homomorphic operations on its plaintext m ∈ Z_n.
/// Immutable; every operation returns a new ciphertext under the same key.
/// </summary>
public sealed class Ciphertext : IEquatable<Ciphertext>
{
    internal Ciphertext(PaillierPublicKey publicKey, BigNat value)
    {
        PublicKey = publicKey;
        Value = value;
    }

    public PaillierPublicKey PublicKey { get; }

    public BigNat Value { get; }

    /// <summary>Enc(m₁ + m₂) = c₁ · c₂ mod n².</summary>
    public Ciphertext Add(Ciphertext other)
    {
        PublicKey.RequireSameKey(other.PublicKey, "the other addend");
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[0], Value);
        ws.Set(f[1], other.Value);
        ws.Set(f[2], PublicKey.NSquared);
        ws.MulMod(f[0], f[0], f[1], f[2]);
        return With(ws.Get(f[0]));
    }

    /// <summary>Enc(m + k) = c · (1 + k·n) mod n², for k ∈ [0, n).</summary>
    public Ciphertext AddPlaintext(BigNat plaintext)
    {
        PublicKey.RequirePlaintext(plaintext);
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        PublicKey.PlaintextFactor(ws, f[0], plaintext, f[1]);
        ws.Set(f[1], Value);
        ws.Set(f[2], PublicKey.NSquared);
        ws.MulMod(f[0], f[0], f[1], f[2]);
        return With(ws.Get(f[0]));
    }

    /// <summary>Enc(k·m) for a signed 64-bit k; a negative k costs one inversion instead of an n-sized exponent.</summary>
    public Ciphertext Multiply(long scalar) =>
        Power(scalar < 0, scalar < 0 ? (ulong)-(scalar + 1) + 1 : (ulong)scalar);

    /// <summary>Enc(k·m) for k ∈ [0, n); k above n/2 is taken as k − n, so the exponent is never longer than n/2.</summary>
    public Ciphertext Multiply(BigNat scalar)
    {
        PublicKey.RequirePlaintext(scalar);
        var negative = scalar > (PublicKey.N - scalar);
        return Power(negative, negative ? PublicKey.N - scalar : scalar);
    }

    /// <summary>Enc(k·m) for any integer k, taken modulo n.</summary>
    public Ciphertext Multiply(BigInteger scalar)
    {
        var n = PublicKey.N.ToBigInteger();
        var reduced = BigInteger.Remainder(scalar, n);
        return Multiply(BigNat.FromBigInteger(reduced.Sign < 0 ? reduced + n : reduced));
    }

    /// <summary>Enc(−m) = c⁻¹ mod n².</summary>
    public Ciphertext Negate() => Power(negative: true, BigNat.One);

    /// <summary>The same plaintext under fresh randomness: c · h_s^x mod n².</summary>
    public Ciphertext Rerandomize(RandomNumberGenerator? rng = null)
    {
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        Span<ulong> x = stackalloc ulong[PublicKey.ObfuscationExponentLimbs];
        PublicKey.DrawObfuscationExponent(rng, x);
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[2], PublicKey.NSquared);
        PublicKey.ObfuscationTable.Power(ws, f[0], x, f[1], f[2]);
        ws.Set(f[1], Value);
        ws.MulMod(f[0], f[0], f[1], f[2]);
        return With(ws.Get(f[0]));
    }

    private Ciphertext Power(bool negative, BigNat exponent)
    {
        using var timing = PhaseTimer.Start(Phase.CiphertextArithmetic);
        var ws = PublicKey.Backend.Workspace;
        using var f = ws.Frame(3);
        ws.Set(f[0], Value);
        ws.Set(f[2], PublicKey.NSquared);
        if (negative && !ws.TryInvert(f[0], f[0], f[2]))
        {
            throw new InvalidCiphertextException("ciphertext is not invertible modulo n² (it is not coprime to n)");
        }
        ws.Set(f[1], exponent);
        ws.PowMod(f[0], f[0], f[1], f[2]);
        return With(ws.Get(f[0]));
    }

    private Ciphertext With(BigNat value) => new(PublicKey, value);

    /// <summary>Big-endian, always <see cref="PaillierPublicKey.CiphertextByteLength"/> bytes.</summary>
    public byte[] ToBytes() => Value.ToBigEndian(PublicKey.CiphertextByteLength);

    public static Ciphertext operator +(Ciphertext a, Ciphertext b) => a.Add(b);

    public static Ciphertext operator -(Ciphertext a) => a.Negate();

    public static Ciphertext operator -(Ciphertext a, Ciphertext b) => a.Add(b.Negate());

    public static Ciphertext operator *(Ciphertext a, long scalar) => a.Multiply(scalar);

    public bool Equals(Ciphertext? other) => other is not null && PublicKey.Equals(other.PublicKey) && Value == other.Value;

    public override bool Equals(object? obj) => Equals(obj as Ciphertext);

    public override int GetHashCode() => Value.GetHashCode();
}
