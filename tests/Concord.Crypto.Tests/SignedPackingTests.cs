using Concord.Crypto.Arithmetic;
using Concord.Crypto.Packing;
using Concord.Crypto.Vector;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class SignedPackingTests
{
    [Fact]
    public void Sums_of_packed_signed_values_unpack_to_the_slot_sums_without_knowing_the_term_count()
    {
        var pk = TestKeys.Small("gmp").PublicKey;
        var packing = SignedPacking.For(pk, valueBits: 20, maxTerms: 16);
        var n = pk.N.Big();
        var value = Gen.Choose(-(int)packing.MaxValue, (int)packing.MaxValue).Select(v => (long)v);
        var extreme = Gen.Elements(packing.MaxValue, -packing.MaxValue, 0L);
        var slots = Gen.Frequency((4, value), (1, extreme));
        var rows = Gen.Choose(1, packing.SlotsPerPlaintext).SelectMany(k => Gen.Choose(1, 16).SelectMany(t => Gen.ArrayOf(Gen.ArrayOf(slots, k), t)));
        PropertyCheck.Run(Prop.ForAll(rows.ToArbitrary(), terms =>
        {
            // Plaintext addition mod n is what adding the ciphertexts does.
            var sum = terms.Aggregate(System.Numerics.BigInteger.Zero, (acc, row) => (acc + packing.Pack(pk, row).Big()) % n);
            var unpacked = new Int128[terms[0].Length];
            packing.Unpack(pk, BigNat.FromBigInteger(sum), unpacked);
            return Enumerable.Range(0, unpacked.Length).All(j => unpacked[j] == terms.Aggregate(Int128.Zero, (acc, row) => acc + row[j]));
        }), tests: 200);
    }

    [Fact]
    public void Concatenated_ciphertexts_decrypt_once_into_every_part_s_slots()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var packing = SignedPacking.For(pk, valueBits: 20, maxTerms: 16);
        long[][] parts = [[-5, 7], [1 << 19, -(1 << 19)], [0, -1], [123, 456], [-99, 0]];
        var items = CipherVector.Encrypt(pk, [.. parts.Select(p => packing.Pack(pk, p))]);
        var packed = packing.Concatenate(items, slotsPerItem: 2, itemsPerCiphertext: 3);
        Assert.Equal(2, packed.Count);
        var first = new Int128[6];
        packing.Unpack(pk, sk.Decrypt(packed[0]), first);
        Assert.Equal(parts[..3].SelectMany(p => p).Select(v => (Int128)v), first);
        var second = new Int128[4];
        packing.Unpack(pk, sk.Decrypt(packed[1]), second);
        Assert.Equal(parts[3..].SelectMany(p => p).Select(v => (Int128)v), second);
    }

    [Fact]
    public void Values_beyond_the_value_bits_and_sums_beyond_the_headroom_are_refused()
    {
        var pk = TestKeys.Small("gmp").PublicKey;
        var packing = SignedPacking.For(pk, valueBits: 20, maxTerms: 4);
        Assert.Throws<PackingOverflowException>(() => packing.Pack(pk, [packing.MaxValue + 1]));
        var n = pk.N.Big();
        var one = packing.Pack(pk, [packing.MaxValue]).Big();
        // Far more terms than the headroom: the sum spills into the next slot, which unpacking a single slot detects.
        var overflow = BigNat.FromBigInteger(one * 64 % n);
        Assert.Throws<PackingOverflowException>(() => packing.Unpack(pk, overflow, new Int128[1]));
    }
}
