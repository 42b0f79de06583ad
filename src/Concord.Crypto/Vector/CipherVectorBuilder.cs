using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Vector;

/// <summary>
/// Assembles a <see cref="CipherVector"/> from ciphertexts as they are read off the wire, one at a time, so that a
/// received vector never exists both as bytes and as limbs. Each element is checked to lie in [1, n²) as it is
/// appended; <see cref="ToVector"/> checks that all are coprime to n, in one batch.
/// </summary>
public sealed class CipherVectorBuilder
{
    private readonly PaillierPublicKey _key;
    private readonly ulong[] _limbs;
    private readonly string _what;

    public CipherVectorBuilder(PaillierPublicKey key, int count, string what = "ciphertext vector")
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _key = key;
        _what = what;
        Capacity = count;
        _limbs = new ulong[checked(count * key.CiphertextLimbs)];
    }

    public int Capacity { get; }

    public int Count { get; private set; }

    /// <summary>Appends one ciphertext of <see cref="PaillierPublicKey.CiphertextByteLength"/> big-endian bytes.</summary>
    public void Append(ReadOnlySpan<byte> bigEndian)
    {
        if (Count == Capacity)
        {
            throw new InvalidCiphertextException($"{_what}: more than the {Capacity} ciphertexts declared");
        }
        var value = BigNat.FromBigEndian(bigEndian);
        _key.RequireInRange(value, $"{_what}: element {Count}");
        var stride = _key.CiphertextLimbs;
        value.Limbs.CopyTo(_limbs.AsSpan(Count * stride, stride));
        Count++;
    }

    public CipherVector ToVector()
    {
        if (Count != Capacity)
        {
            throw new InvalidCiphertextException($"{_what}: {Count} ciphertexts where {Capacity} were declared");
        }
        var vector = new CipherVector(_key, Count, _limbs);
        vector.RequireCoprime(_what);
        return vector;
    }
}
