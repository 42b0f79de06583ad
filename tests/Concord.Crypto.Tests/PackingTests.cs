using Concord.Crypto.Encoding;
using Concord.Crypto.Packing;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests;

public class PackingTests
{
    [Fact]
    public void Packed_values_round_trip_exactly_on_the_grid()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var scheme = PackingScheme.For(pk, valueBits: 24, fractionalBits: 8, maxTerms: 1000);
        var grid = Gen.Choose(-(1 << 23), (1 << 23) - 1).Select(i => i / 256.0);
        PropertyCheck.Run(Prop.ForAll(Gen.ArrayOf(grid).ToArbitrary(), values =>
            PackedCiphertext.Decrypt(sk, PackedCiphertext.Encrypt(pk, scheme, values)).SequenceEqual(values)), tests: 30);
    }

    [Theory]
    [InlineData(64, 20, 1L)]
    [InlineData(40, 16, 1000L)]
    [InlineData(16, 0, 1L << 20)]
    public void Sums_at_the_headroom_limit_are_exact_for_extreme_values(int valueBits, int fractionalBits, long maxTerms)
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var scheme = PackingScheme.For(pk, valueBits, fractionalBits, maxTerms);
        var k = scheme.SlotsPerPlaintext;
        var values = Enumerable.Range(0, k).Select(i => i % 2 == 0 ? scheme.MaxValue : scheme.MinValue).ToArray();
        var one = PackedCiphertext.Encrypt(pk, scheme, values)[0];
        // MaxTerms copies by doubling, so even 2^20 terms cost only twenty additions.
        var sum = one;
        var terms = 1L;
        while (terms * 2 <= maxTerms)
        {
            sum = sum.Add(sum);
            terms *= 2;
        }
        for (; terms < maxTerms; terms++)
        {
            sum = sum.Add(one);
        }
        var expected = values.Select(v => v * maxTerms).ToArray();
        Assert.Equal(expected, sum.Decrypt(sk));
        Assert.Throws<PackingOverflowException>(() => sum.Add(one));
    }

    [Fact]
    public void Values_outside_the_scheme_are_refused_with_their_index()
    {
        var pk = TestKeys.Small("gmp").PublicKey;
        var scheme = PackingScheme.For(pk, valueBits: 16, fractionalBits: 4, maxTerms: 8);
        var error = Assert.Throws<FixedPointOverflowException>(() => PackedCiphertext.Encrypt(pk, scheme, [1.0, 2.0, scheme.MaxValue + 1]));
        Assert.Contains("index 2", error.Message);
        Assert.Throws<FixedPointOverflowException>(() => scheme.Pack([scheme.MinValue - 0.0625]));
        Assert.Throws<FixedPointOverflowException>(() => scheme.Pack([double.NaN]));
    }

    [Fact]
    public void Concatenation_puts_many_sums_into_one_decryption()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var scheme = PackingScheme.For(pk, valueBits: 20, fractionalBits: 10, maxTerms: 16);
        // Histogram-like sums: part i holds (g, h) summed over i + 1 samples.
        var parts = new List<PackedCiphertext>();
        var expected = new List<double>();
        for (var i = 0; i < scheme.SlotsPerPlaintext / 2; i++)
        {
            var pair = new[] { (i * 0.25) - 3, 1.5 + i };
            var packed = PackedCiphertext.Encrypt(pk, scheme, pair)[0];
            var sum = PackedCiphertext.Sum(Enumerable.Repeat(packed, i + 1).ToArray());
            parts.Add(sum.Rerandomize());
            expected.AddRange(pair.Select(v => v * (i + 1)));
        }
        var one = PackedCiphertext.Concatenate(parts);
        Assert.Equal(expected, one.Decrypt(sk));
        Assert.Throws<PackingOverflowException>(() => PackedCiphertext.Concatenate([one, parts[0]]));
    }

    [Fact]
    public void A_slot_holding_more_than_its_terms_allow_is_reported()
    {
        var (pk, sk) = TestKeys.Small("gmp");
        var scheme = PackingScheme.For(pk, valueBits: 8, fractionalBits: 0, maxTerms: 4);
        var packed = PackedCiphertext.Encrypt(pk, scheme, [127.0])[0];
        // Claiming one term while the ciphertext sums four: the slot value is impossible for one term.
        var four = PackedCiphertext.Sum([packed, packed, packed, packed]);
        var mislabelled = PackedCiphertext.FromParts(four.Ciphertext, scheme, [1]);
        Assert.Throws<FixedPointOverflowException>(() => mislabelled.Decrypt(sk));
    }

    [Fact]
    public void Scheme_sizes_follow_value_bits_and_headroom()
    {
        var scheme = new PackingScheme(2047, valueBits: 64, fractionalBits: 32, maxTerms: 1 << 16);
        Assert.Equal(16, scheme.HeadroomBits);
        Assert.Equal(80, scheme.SlotBits);
        Assert.Equal(25, scheme.SlotsPerPlaintext);
        Assert.Throws<ArgumentException>(() => new PackingScheme(60, valueBits: 64, fractionalBits: 0, maxTerms: 1));
    }
}
