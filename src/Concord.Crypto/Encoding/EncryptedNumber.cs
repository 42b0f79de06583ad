using System.Security.Cryptography;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Encoding;

/// <summary>
/// An encrypted fixed-point number: a ciphertext of a <see cref="FixedPointEncoding"/> mantissa with its public
/// exponent, as python-paillier's EncryptedNumber. Addition aligns exponents by scaling the operand with the larger one.
/// </summary>
public sealed class EncryptedNumber
{
    public EncryptedNumber(Ciphertext ciphertext, int exponent)
    {
        Ciphertext = ciphertext;
        Exponent = exponent;
    }

    public Ciphertext Ciphertext { get; }

    public int Exponent { get; }

    public PaillierPublicKey PublicKey => Ciphertext.PublicKey;

    public static EncryptedNumber Encrypt(PaillierPublicKey key, double value, double? precision = null, RandomNumberGenerator? rng = null) =>
        Encrypt(key, FixedPointEncoding.Encode(key, value, precision), rng);

    public static EncryptedNumber Encrypt(PaillierPublicKey key, EncodedNumber encoded, RandomNumberGenerator? rng = null) =>
        new(key.Encrypt(encoded.Encoding, rng), encoded.Exponent);

    public double Decrypt(PaillierPrivateKey key) =>
        FixedPointEncoding.Decode(PublicKey, new EncodedNumber(key.Decrypt(Ciphertext), Exponent));

    public EncryptedNumber Add(EncryptedNumber other)
    {
        var (a, b) = Align(this, other);
        return new EncryptedNumber(a.Ciphertext.Add(b.Ciphertext), a.Exponent);
    }

    public EncryptedNumber Add(double value)
    {
        var encoded = FixedPointEncoding.Encode(PublicKey, value, maxExponent: Exponent);
        var aligned = DecreaseExponentTo(encoded.Exponent);
        return new EncryptedNumber(aligned.Ciphertext.AddPlaintext(encoded.Encoding), encoded.Exponent);
    }

    public EncryptedNumber Multiply(double value) => Multiply(FixedPointEncoding.Encode(PublicKey, value));

    public EncryptedNumber Multiply(long value) => Multiply(FixedPointEncoding.Encode(PublicKey, value));

    /// <summary>Scales by an encoded plaintext: mantissas multiply and exponents add.</summary>
    public EncryptedNumber Multiply(EncodedNumber factor) =>
        new(Ciphertext.Multiply(factor.Encoding), Exponent + factor.Exponent);

    public EncryptedNumber Negate() => new(Ciphertext.Negate(), Exponent);

    /// <summary>The same value at a lower exponent: the mantissa is multiplied by 16^(exponent − newExponent).</summary>
    public EncryptedNumber DecreaseExponentTo(int newExponent)
    {
        if (newExponent > Exponent)
        {
            throw new ArgumentOutOfRangeException(nameof(newExponent), $"{newExponent} is above the current exponent {Exponent}");
        }
        if (newExponent == Exponent)
        {
            return this;
        }
        var shift = 4L * (Exponent - newExponent);
        if (shift >= PublicKey.Bits - 2)
        {
            throw new FixedPointOverflowException($"aligning exponent {Exponent} down to {newExponent} would scale the mantissa by 2^{shift}, beyond n");
        }
        return new EncryptedNumber(Ciphertext.Multiply(BigNat.One.ShiftLeft((int)shift)), newExponent);
    }

    public static EncryptedNumber operator +(EncryptedNumber a, EncryptedNumber b) => a.Add(b);

    public static EncryptedNumber operator +(EncryptedNumber a, double b) => a.Add(b);

    public static EncryptedNumber operator -(EncryptedNumber a, EncryptedNumber b) => a.Add(b.Negate());

    public static EncryptedNumber operator -(EncryptedNumber a) => a.Negate();

    public static EncryptedNumber operator *(EncryptedNumber a, double b) => a.Multiply(b);

    private static (EncryptedNumber A, EncryptedNumber B) Align(EncryptedNumber a, EncryptedNumber b) =>
        a.Exponent > b.Exponent ? (a.DecreaseExponentTo(b.Exponent), b)
        : a.Exponent < b.Exponent ? (a, b.DecreaseExponentTo(a.Exponent))
        : (a, b);
}
