using System.Security.Cryptography;

namespace Concord.Crypto.Paillier;

/// <summary>
/// The DJN exponents of a batch, drawn in order before any parallel work, so that a seeded generator gives the same
/// ciphertexts however the batch is split across threads.
/// </summary>
internal sealed class ObfuscationExponents
{
    private readonly ulong[] _limbs;
    private readonly int _stride;

    public ObfuscationExponents(PaillierPublicKey key, int count, RandomNumberGenerator? rng)
    {
        _stride = key.ObfuscationExponentLimbs;
        _limbs = new ulong[checked(count * _stride)];
        for (var i = 0; i < count; i++)
        {
            key.DrawObfuscationExponent(rng, _limbs.AsSpan(i * _stride, _stride));
        }
    }

    public ReadOnlySpan<ulong> this[int i] => _limbs.AsSpan(i * _stride, _stride);
}
