using System.Numerics;
using System.Security.Cryptography;
using Concord.Crypto.Paillier;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// How a party masks its encrypted gradient and packs several entries into one ciphertext, so that the arbiter
/// decrypts ⌈width / k⌉ ciphertexts instead of width. Each slot holds G + 2^B + r: the signed fixed-point gradient G
/// (|G| &lt; 2^B), an offset that makes it non-negative, and a mask r uniform in [0, 2^(B+κ)). The slot is below
/// 2^(B+κ+1), so slots never carry into each other, and r hides G + 2^B (below 2^(B+1)) up to a statistical distance
/// of 2^−(κ−1). Packing is Horner's rule on ciphertexts: Enc(s_0 + 2^w·s_1 + …) = (…(Enc(s_k)^(2^w)·Enc(s_(k−1)))…).
/// </summary>
internal static class MaskedGradientPacking
{
    /// <summary>
    /// B: a gradient entry is Σ_i D_i·X_ij with D at most 2^42·|d| (predictor, Taylor and weight scales), X below 2^16
    /// and at most 2^20 rows, so 128 bits hold any residual |d| below 2^50, far beyond a diverged model.
    /// </summary>
    public const int GradientBits = 128;

    /// <summary>κ: statistical hiding of each masked slot.</summary>
    public const int StatisticalBits = 80;

    public const int SlotBits = GradientBits + StatisticalBits + 1;

    private static readonly BigInteger Offset = BigInteger.One << GradientBits;

    public static int SlotsPerCiphertext(PaillierPublicKey key) => Math.Max(1, (key.Bits - 1) / SlotBits);

    /// <summary>Masks each encrypted gradient entry and packs them; the masks stay with the party.</summary>
    public static (Ciphertext[] Packed, BigInteger[] Masks) MaskAndPack(IReadOnlyList<Ciphertext> gradients)
    {
        var key = gradients[0].PublicKey;
        var masks = new BigInteger[gradients.Count];
        var masked = new Ciphertext[gradients.Count];
        for (var j = 0; j < gradients.Count; j++)
        {
            masks[j] = new BigInteger(RandomNumberGenerator.GetBytes((GradientBits + StatisticalBits) / 8), isUnsigned: true);
            masked[j] = gradients[j].AddPlaintext(Crypto.Arithmetic.BigNat.FromBigInteger(Offset + masks[j]));
        }
        var perCiphertext = SlotsPerCiphertext(key);
        var shift = BigInteger.One << SlotBits;
        var packed = masked.Chunk(perCiphertext).Select(slots =>
        {
            var acc = slots[^1];
            for (var s = slots.Length - 2; s >= 0; s--)
            {
                acc = acc.Multiply(shift).Add(slots[s]);
            }
            return acc;
        }).ToArray();
        return (packed, masks);
    }

    /// <summary>The signed fixed-point gradient entries from the arbiter's decryptions of the packed ciphertexts.</summary>
    public static BigInteger[] Unpack(PaillierPublicKey key, IReadOnlyList<BigInteger> decrypted, IReadOnlyList<BigInteger> masks)
    {
        var perCiphertext = SlotsPerCiphertext(key);
        var expected = (masks.Count + perCiphertext - 1) / perCiphertext;
        if (decrypted.Count != expected)
        {
            throw new ArgumentException($"the arbiter returned {decrypted.Count} packed gradients where {expected} were sent");
        }
        var slotMask = (BigInteger.One << SlotBits) - 1;
        var gradient = new BigInteger[masks.Count];
        for (var j = 0; j < masks.Count; j++)
        {
            var slot = (decrypted[j / perCiphertext] >> (SlotBits * (j % perCiphertext))) & slotMask;
            gradient[j] = slot - masks[j] - Offset;
        }
        return gradient;
    }
}
