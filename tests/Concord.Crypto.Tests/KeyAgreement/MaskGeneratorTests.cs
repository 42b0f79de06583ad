using System.Security.Cryptography;
using Concord.Crypto.KeyAgreement;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Crypto.Tests.KeyAgreement;

public class MaskGeneratorTests
{
    private static readonly byte[] Seed = SHA256.HashData("mask generator tests"u8);

    private static UInt128[] Masks(byte[] seed, string label, int count)
    {
        using var prg = new MaskGenerator(seed, label);
        var masks = new UInt128[count];
        prg.Fill(masks);
        return masks;
    }

    [Fact]
    public void Same_seed_and_label_give_the_same_stream()
    {
        Assert.Equal(Masks(Seed, "round-0", 10_000), Masks(Seed, "round-0", 10_000));
    }

    [Fact]
    public void Labels_and_seeds_separate_streams()
    {
        var reference = Masks(Seed, "round-0", 64);
        Assert.Empty(reference.Intersect(Masks(Seed, "round-1", 64)));
        Assert.Empty(reference.Intersect(Masks(SHA256.HashData("another seed"u8), "round-0", 64)));
    }

    [Fact]
    public void Fills_in_pieces_continue_the_stream_across_chunk_boundaries()
    {
        // 40,000 blocks span several 256 KiB AES calls (16,384 blocks each); the pieces straddle them at odd places.
        var whole = Masks(Seed, "pieces", 40_000);
        using var prg = new MaskGenerator(Seed, "pieces");
        var pieces = new UInt128[40_000];
        foreach (var (start, length) in new[] { (0, 1), (1, 16_383), (16_384, 3), (16_387, 23_613) })
        {
            prg.Fill(pieces.AsSpan(start, length));
        }
        Assert.Equal(whole, pieces);
    }

    /// <summary>
    /// The stream is its specification, computed here without the generator: AES-128 keyed by
    /// HKDF-SHA256-Expand(seed, "concord/mask-prg/v1:" + label) over little-endian 128-bit counters, including where
    /// the counter's low word carries into its high word.
    /// </summary>
    [Fact]
    public void The_stream_is_aes_128_of_little_endian_counters_under_the_hkdf_key()
    {
        var key = new byte[16];
        HKDF.Expand(HashAlgorithmName.SHA256, Seed, key, "concord/mask-prg/v1:spec"u8.ToArray());
        using var aes = Aes.Create();
        aes.Key = key;
        foreach (var start in new[] { UInt128.Zero, (UInt128)ulong.MaxValue - 7, (UInt128)ulong.MaxValue - 2 })
        {
            var counters = new byte[16 * 7];
            for (var i = 0; i < 7; i++)
            {
                BitConverter.TryWriteBytes(counters.AsSpan(16 * i, 8), (ulong)(start + (UInt128)i));
                BitConverter.TryWriteBytes(counters.AsSpan((16 * i) + 8, 8), (ulong)((start + (UInt128)i) >> 64));
            }
            var expected = aes.EncryptEcb(counters, PaddingMode.None);
            using var prg = new MaskGenerator(Seed, "spec");
            prg.Seek(start);
            var actual = new UInt128[7];
            prg.Fill(actual);
            Assert.Equal(expected, System.Runtime.InteropServices.MemoryMarshal.AsBytes(actual.AsSpan()).ToArray());
        }
    }

    [Fact]
    public void Ulong_masks_are_the_same_keystream_read_in_halves()
    {
        var wide = Masks(Seed, "halves", 3);
        using var prg = new MaskGenerator(Seed, "halves");
        var narrow = new ulong[5];
        prg.Fill(narrow);
        Assert.Equal([(ulong)wide[0], (ulong)(wide[0] >> 64), (ulong)wide[1], (ulong)(wide[1] >> 64), (ulong)wide[2]], narrow);
    }

    [Fact]
    public void Output_bits_are_balanced_and_not_the_counters()
    {
        var masks = Masks(Seed, "balance", 1 << 16);
        Assert.DoesNotContain((UInt128)0, masks.Take(4));
        Assert.DoesNotContain((UInt128)1, masks.Take(4));
        long ones = masks.Sum(m => (long)UInt128.PopCount(m));
        var bits = masks.Length * 128.0;
        // 8.4M bits: the standard deviation of the fraction is 1.7e-4, so 2e-3 is about 12 sigma.
        Assert.InRange(ones / bits, 0.498, 0.502);
        // Every one of the 128 bit positions is used, not only the low ones.
        for (var bit = 0; bit < 128; bit++)
        {
            var set = masks.Count(m => ((m >> bit) & 1) == 1);
            Assert.InRange(set / (double)masks.Length, 0.48, 0.52);
        }
    }

    [Fact]
    public void A_seed_of_the_wrong_length_is_rejected()
    {
        var ex = Assert.Throws<ArgumentException>(() => new MaskGenerator(new byte[16], "x"));
        Assert.Contains("32 bytes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pairwise_masks_cancel_for_both_ends_of_a_key_agreement() =>
        Prop.ForAll<ulong[], NonNegativeInt>((values, round) =>
        {
            using var a = EcdhKeyPair.Generate();
            using var b = EcdhKeyPair.Generate();
            var label = $"round-{round.Get}";
            var addAtA = Masks(PairwiseSeed.Derive(a, "host:1", b.PublicKey, "host:2", "job", "scope"), label, values.Length);
            var subtractAtB = Masks(PairwiseSeed.Derive(b, "host:2", a.PublicKey, "host:1", "job", "scope"), label, values.Length);
            var sum = values.Select((x, i) => (UInt128)x + addAtA[i] + (UInt128)x - subtractAtB[i]);
            return sum.SequenceEqual(values.Select(x => 2 * (UInt128)x));
        }).QuickCheckThrowOnFailure();
}
