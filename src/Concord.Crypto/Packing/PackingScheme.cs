using Concord.Crypto.Arithmetic;
using Concord.Crypto.Encoding;
using Concord.Crypto.Paillier;

namespace Concord.Crypto.Packing;

/// <summary>
/// How k fixed-point values share one plaintext. Each value v becomes the integer round(v·2^f) + 2^(B−1) in [0, 2^B),
/// so that slots never hold a negative number and never borrow from each other; each slot has
/// ⌈log₂ T⌉ headroom bits above its B value bits, so that sums of up to T packed ciphertexts never carry into the next slot.
/// Slots fill the plaintext from its least significant bit, below bit (bits(n) − 1), so every packed plaintext is below n.
/// </summary>
public sealed class PackingScheme : IEquatable<PackingScheme>
{
    /// <param name="plaintextBits">Usable plaintext bits: bits(n) − 1 for a Paillier key.</param>
    /// <param name="valueBits">B: bits of one value's offset integer, 2 to 64.</param>
    /// <param name="fractionalBits">f: the values' resolution is 2^−f.</param>
    /// <param name="maxTerms">T: how many packed ciphertexts may be added together.</param>
    public PackingScheme(int plaintextBits, int valueBits, int fractionalBits, long maxTerms)
    {
        if (valueBits is < 2 or > 64)
        {
            throw new ArgumentOutOfRangeException(nameof(valueBits), valueBits, "packing: value bits must be between 2 and 64");
        }
        if (fractionalBits is < 0 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(fractionalBits), fractionalBits, "packing: fractional bits must be between 0 and 1000");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTerms, 1);
        ValueBits = valueBits;
        FractionalBits = fractionalBits;
        MaxTerms = maxTerms;
        HeadroomBits = 64 - System.Numerics.BitOperations.LeadingZeroCount((ulong)(maxTerms - 1));
        SlotBits = ValueBits + HeadroomBits;
        if (SlotBits > 127)
        {
            throw new ArgumentOutOfRangeException(nameof(maxTerms), maxTerms, $"packing: {valueBits} value bits plus {HeadroomBits} headroom bits exceed a 127-bit slot");
        }
        PlaintextBits = plaintextBits;
        SlotsPerPlaintext = plaintextBits / SlotBits;
        if (SlotsPerPlaintext < 1)
        {
            throw new ArgumentException($"packing: a {SlotBits}-bit slot does not fit a {plaintextBits}-bit plaintext");
        }
    }

    public static PackingScheme For(PaillierPublicKey key, int valueBits, int fractionalBits, long maxTerms) =>
        new(key.Bits - 1, valueBits, fractionalBits, maxTerms);

    public int PlaintextBits { get; }

    public int ValueBits { get; }

    public int FractionalBits { get; }

    public long MaxTerms { get; }

    public int HeadroomBits { get; }

    public int SlotBits { get; }

    public int SlotsPerPlaintext { get; }

    private Int128 Offset => Int128.One << (ValueBits - 1);

    /// <summary>The largest value that packs: (2^(B−1) − 1) · 2^−f, or the largest double below 2^(B−1−f) where that is inexact.</summary>
    public double MaxValue
    {
        get
        {
            // 2^(B−1) − 1 has B − 1 bits, exact as a double up to B = 54.
            var top = ValueBits <= 54 ? (double)(Offset - 1) : Math.BitDecrement(Math.ScaleB(1.0, ValueBits - 1));
            return Math.ScaleB(top, -FractionalBits);
        }
    }

    /// <summary>The smallest value that packs: −2^(B−1) · 2^−f.</summary>
    public double MinValue => -Math.ScaleB((double)Offset, -FractionalBits);

    /// <summary>One plaintext holding up to <see cref="SlotsPerPlaintext"/> values, the first in the lowest slot.</summary>
    public BigNat Pack(ReadOnlySpan<double> values, int firstIndex = 0)
    {
        if (values.Length > SlotsPerPlaintext)
        {
            throw new ArgumentException($"packing: {values.Length} values exceed the {SlotsPerPlaintext} slots of one plaintext");
        }
        var limbs = new ulong[((values.Length * SlotBits) + 63) / 64 + 2];
        var bound = Math.ScaleB(1.0, ValueBits - 1); // exact, unlike (double)(2^(B−1) − 1) at B = 64
        for (var i = 0; i < values.Length; i++)
        {
            var scaled = Math.Round(Math.ScaleB(values[i], FractionalBits), MidpointRounding.ToEven);
            if (!double.IsFinite(scaled) || scaled < -bound || scaled >= bound)
            {
                throw new FixedPointOverflowException(
                    $"packing: value {values[i]} at index {firstIndex + i} is outside [{MinValue}, {MaxValue}] for {ValueBits} value bits and {FractionalBits} fractional bits");
            }
            WriteSlot(limbs, i * SlotBits, (UInt128)((Int128)scaled + Offset));
        }
        return BigNat.FromLimbs(limbs);
    }

    /// <summary>
    /// Reads <paramref name="destination"/>.Length values from a decrypted sum, where slot i is the sum of
    /// <paramref name="slotTerms"/>[i] packed values; a slot that exceeds what that many terms can hold means corruption.
    /// </summary>
    public void Unpack(BigNat plaintext, ReadOnlySpan<long> slotTerms, Span<double> destination)
    {
        if (slotTerms.Length != destination.Length || destination.Length > SlotsPerPlaintext)
        {
            throw new ArgumentException($"packing: {destination.Length} values with {slotTerms.Length} term counts for {SlotsPerPlaintext} slots");
        }
        if (plaintext.BitLength > destination.Length * SlotBits)
        {
            throw new FixedPointOverflowException($"packing: the decrypted plaintext has {plaintext.BitLength} bits, more than its {destination.Length} slots hold");
        }
        var limbs = plaintext.Limbs;
        var valueRange = (Int128.One << ValueBits) - 1;
        for (var i = 0; i < destination.Length; i++)
        {
            var terms = slotTerms[i];
            var slot = (Int128)ReadSlot(limbs, i * SlotBits);
            if (terms < 1 || terms > MaxTerms || slot > terms * valueRange)
            {
                throw new FixedPointOverflowException($"packing: slot {i} holds {slot}, impossible for a sum of {terms} values of {ValueBits} bits");
            }
            destination[i] = Math.ScaleB((double)(slot - (terms * Offset)), -FractionalBits);
        }
    }

    private void WriteSlot(Span<ulong> limbs, int bit, UInt128 value)
    {
        for (var b = 0; b < SlotBits; b += 64 - ((bit + b) & 63))
        {
            var shift = (bit + b) & 63;
            limbs[(bit + b) >> 6] |= (ulong)(value >> b) << shift;
        }
    }

    private UInt128 ReadSlot(ReadOnlySpan<ulong> limbs, int bit)
    {
        UInt128 value = 0;
        for (var b = 0; b < SlotBits; b += 64 - ((bit + b) & 63))
        {
            var index = (bit + b) >> 6;
            if (index < limbs.Length)
            {
                value |= (UInt128)(limbs[index] >> ((bit + b) & 63)) << b;
            }
        }
        return value & ((UInt128.One << SlotBits) - 1);
    }

    public bool Equals(PackingScheme? other) =>
        other is not null && PlaintextBits == other.PlaintextBits && ValueBits == other.ValueBits &&
        FractionalBits == other.FractionalBits && MaxTerms == other.MaxTerms;

    public override bool Equals(object? obj) => Equals(obj as PackingScheme);

    public override int GetHashCode() => HashCode.Combine(PlaintextBits, ValueBits, FractionalBits, MaxTerms);

    public override string ToString() =>
        $"{SlotsPerPlaintext} slots of {SlotBits} bits ({ValueBits} value bits, 2^-{FractionalBits} resolution, sums of up to {MaxTerms})";
}
