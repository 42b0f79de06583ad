using System.Numerics;
using Concord.Crypto.Arithmetic;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.Crypto.Packing;

/// <summary>
/// Signed integers packed into W-bit slots of one Paillier plaintext as balanced digits: the plaintext is
/// V = Σ_j s_j · 2^(j·W) mod n, with each |s_j| below 2^(W−1). Unlike <see cref="PackingScheme"/>, no value carries an
/// offset, so a sum of packed ciphertexts unpacks without knowing how many terms it has: SecureBoost's host sums the
/// guest's encrypted gradients per bin, and the guest decodes the bin sums without learning the bins' row counts.
/// Each slot has ⌈log₂ T⌉ headroom bits above its value bits and one sign bit, so sums of up to T values never
/// carry into a neighbour; slots fill at most bits(n) − 1 bits, so |V| stays below n/2 and its sign is recoverable.
/// </summary>
public sealed class SignedPacking : IEquatable<SignedPacking>
{
    /// <param name="plaintextBits">Usable plaintext bits: bits(n) − 1 for a Paillier key.</param>
    /// <param name="valueBits">Magnitude bits of one packed value: |v| &lt; 2^valueBits, 1 to 62.</param>
    /// <param name="maxTerms">T: how many packed plaintexts may be summed.</param>
    public SignedPacking(int plaintextBits, int valueBits, long maxTerms)
    {
        if (valueBits is < 1 or > 62)
        {
            throw new ArgumentOutOfRangeException(nameof(valueBits), valueBits, "signed packing: value bits must be between 1 and 62");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        ValueBits = valueBits;
        MaxTerms = maxTerms;
        HeadroomBits = 64 - BitOperations.LeadingZeroCount((ulong)(maxTerms - 1));
        SlotBits = valueBits + HeadroomBits + 1;
        if (SlotBits > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTerms), maxTerms, $"signed packing: {valueBits} value bits, {HeadroomBits} headroom bits and a sign bit exceed a 127-bit slot");
        }
        PlaintextBits = plaintextBits;
        SlotsPerPlaintext = plaintextBits / SlotBits;
        if (SlotsPerPlaintext < 1)
        {
            throw new ArgumentException($"signed packing: a {SlotBits}-bit slot does not fit a {plaintextBits}-bit plaintext");
        }
    }

    public static SignedPacking For(PaillierPublicKey key, int valueBits, long maxTerms) => new(key.Bits - 1, valueBits, maxTerms);

    public int PlaintextBits { get; }

    public int ValueBits { get; }

    public long MaxTerms { get; }

    public int HeadroomBits { get; }

    /// <summary>W = value bits + headroom bits + 1 sign bit.</summary>
    public int SlotBits { get; }

    public int SlotsPerPlaintext { get; }

    /// <summary>The largest magnitude one packed value may have: 2^ValueBits − 1.</summary>
    public long MaxValue => (1L << ValueBits) - 1;

    /// <summary>The plaintext Σ_j values[j]·2^(j·W) mod n; the first value goes to the lowest slot.</summary>
    public BigNat Pack(PaillierPublicKey key, ReadOnlySpan<long> values)
    {
        RequireKey(key);
        if (values.Length > SlotsPerPlaintext)
        {
            throw new ArgumentException($"signed packing: {values.Length} values exceed the {SlotsPerPlaintext} slots of one plaintext");
        }
        var packed = BigInteger.Zero;
        for (var j = values.Length - 1; j >= 0; j--)
        {
            if (values[j] > MaxValue || values[j] < -MaxValue)
            {
                throw new PackingOverflowException($"signed packing: value {values[j]} at slot {j} exceeds the ±{MaxValue} of {ValueBits} value bits");
            }
            packed = (packed << SlotBits) + values[j];
        }
        return BigNat.FromBigInteger(packed.Sign < 0 ? packed + key.N.ToBigInteger() : packed);
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length slot sums from a decrypted plaintext that holds exactly that many
    /// slots; a plaintext that does not decompose into that many in-range digits means a sum exceeded its headroom.
    /// </summary>
    public void Unpack(PaillierPublicKey key, BigNat plaintext, Span<Int128> destination)
    {
        RequireKey(key);
        if (destination.Length > SlotsPerPlaintext)
        {
            throw new ArgumentException($"signed packing: {destination.Length} values exceed the {SlotsPerPlaintext} slots of one plaintext");
        }
        var n = key.N.ToBigInteger();
        var value = plaintext.ToBigInteger();
        if (value >= n)
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), "signed packing: the plaintext must be below n");
        }
        if (value > n >> 1)
        {
            value -= n;
        }
        var modulus = BigInteger.One << SlotBits;
        var mask = modulus - 1;
        var half = BigInteger.One << (SlotBits - 1);
        for (var j = 0; j < destination.Length; j++)
        {
            // BigInteger's & works on the two's complement, so this is value mod 2^W for negative values too.
            var digit = value & mask;
            if (digit >= half)
            {
                digit -= modulus;
            }
            destination[j] = (Int128)digit;
            value = (value - digit) >> SlotBits;
        }
        if (!value.IsZero)
        {
            throw new PackingOverflowException($"signed packing: the plaintext holds more than {destination.Length} slots of {SlotBits} bits; a sum exceeded its headroom of {MaxTerms} terms");
        }
    }

    /// <summary>
    /// Packs groups of <paramref name="itemsPerCiphertext"/> ciphertexts, each holding <paramref name="slotsPerItem"/>
    /// slots, into one ciphertext per group (Horner: c₀ · (c₁ · …^(2^(s·W)))^(2^(s·W))), so that the key owner decrypts
    /// once per group instead of once per item. The last group may be shorter. The result keeps its inputs' randomness.
    /// </summary>
    public CipherVector Concatenate(CipherVector items, int slotsPerItem, int itemsPerCiphertext, int maxDegreeOfParallelism = -1)
    {
        RequireKey(items.PublicKey);
        if (slotsPerItem < 1 || itemsPerCiphertext < 1 || (long)slotsPerItem * itemsPerCiphertext > SlotsPerPlaintext)
        {
            throw new ArgumentException($"signed packing: {itemsPerCiphertext} items of {slotsPerItem} slots do not fit the {SlotsPerPlaintext} slots of one plaintext");
        }
        var groups = (items.Count + itemsPerCiphertext - 1) / itemsPerCiphertext;
        var shift = BigNat.One.ShiftLeft(slotsPerItem * SlotBits);
        return CipherVector.Map(items.PublicKey, groups, maxDegreeOfParallelism, (ws, group, f) =>
        {
            int acc = f[0], term = f[1], n2 = f[2], exponent = f[3];
            ws.Set(exponent, shift);
            var first = group * itemsPerCiphertext;
            var last = Math.Min(items.Count, first + itemsPerCiphertext) - 1;
            ws.Set(acc, items.Limbs(last));
            for (var i = last - 1; i >= first; i--)
            {
                ws.PowMod(acc, acc, exponent, n2);
                ws.Set(term, items.Limbs(i));
                ws.MulMod(acc, acc, term, n2);
            }
        });
    }

    private void RequireKey(PaillierPublicKey key)
    {
        if (key.Bits - 1 < PlaintextBits)
        {
            throw new ArgumentException($"signed packing: a {key.Bits}-bit key has fewer than the scheme's {PlaintextBits} plaintext bits");
        }
    }

    public bool Equals(SignedPacking? other) =>
        other is not null && PlaintextBits == other.PlaintextBits && ValueBits == other.ValueBits && MaxTerms == other.MaxTerms;

    public override bool Equals(object? obj) => Equals(obj as SignedPacking);

    public override int GetHashCode() => HashCode.Combine(PlaintextBits, ValueBits, MaxTerms);

    public override string ToString() =>
        $"{SlotsPerPlaintext} signed slots of {SlotBits} bits ({ValueBits} value bits, sums of up to {MaxTerms})";
}
