using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>What each party received, read from the transcripts of a real run on breast.</summary>
public class TranscriptPrivacyTests
{
    private static readonly Lazy<Task<HeteroLinearFederation>> Run = new(() => HeteroLinearFederation.RunAsync(
        new(new LinearOptions { Task = LinearTask.Logistic, MaxIter = 2, Optimizer = OptimizerKind.Sgd, LearningRate = 0.3, Tol = 0 }, 1024),
        Guest(BreastGuest),
        [Host(BreastHost)]));

    [Fact]
    public async Task The_host_receives_no_labels_residuals_or_guest_features_in_plaintext()
    {
        var run = await Run.Value;
        var received = run.Transcripts[HeteroLinearFederation.FirstHostId].Entries;
        Assert.Subset(
            new HashSet<string> { "training_plan", "paillier_public_key", "encrypted_residual", "masked_gradient", "convergence_verdict" },
            received.Select(e => e.Key.Tag).ToHashSet());
        var bytes = received.Select(e => e.Payload).ToList();
        Assert.Contains(received, e => e.Key.Tag == "encrypted_residual");

        var n = PublicKey(run).N.ToBigInteger();
        var labels = BreastGuest.Labels!;
        // A plaintext label vector as the double[] codec would carry it, and the first epoch's residual share (w = 0: −2·y±·S mod n).
        var labelBytes = labels.Take(16).SelectMany(y => BitConverter.GetBytes(y)).ToArray();
        var residuals = labels.Take(16).Select(y => ToBytes(Mod(new BigInteger(-2 * Residuals.Signed(y) * (1 << 24)), n), PublicKey(run).N.ByteLength)).ToList();
        foreach (var payload in bytes)
        {
            Assert.False(Contains(payload, labelBytes), "a label vector crossed to the host in plaintext");
            Assert.DoesNotContain(residuals, r => Contains(payload, r));
            foreach (var column in BreastGuest.Features.Columns)
            {
                foreach (var x in column.Take(40).Where(x => Math.Abs(x) > 1e-3))
                {
                    Assert.False(Contains(payload, BitConverter.GetBytes(x)), $"guest feature value {x} crossed as a double");
                }
            }
        }
        // A 16-bit fixed-point feature is six zero bytes and two others: as a byte needle it also matches the headroom
        // of a packed masked slot about once in seven runs. So fixed-point values are searched among decoded numbers.
        // Payloads that decode to raw bytes (ciphertexts, keys) are uniformly random, so there the 8-byte form is safe to search.
        var fixedPoints = BreastGuest.Features.Columns
            .SelectMany(column => column.Take(40).Where(x => Math.Abs(x) > 1e-3)
                .Select(x => (long)Math.Round(x * FixedPointScales.FeatureScale(column))))
            .ToHashSet();
        foreach (var entry in received)
        {
            Assert.DoesNotContain(DecodedIntegers(entry.Value), v => v >= long.MinValue && v <= long.MaxValue && fixedPoints.Contains((long)v));
            if (RawBytes(entry.Value) is byte[] raw)
            {
                Assert.DoesNotContain(fixedPoints, v => Contains(raw, BigEndian(v)));
            }
        }
    }

    /// <summary>
    /// The bytes a ciphertext or key payload carries, as they were when such tags carried byte[]: typed tags now decode
    /// them into ciphertext vectors, ciphertexts and keys, whose serialised form is the same bytes.
    /// </summary>
    private static byte[]? RawBytes(object? value) => value switch
    {
        byte[] bytes => bytes,
        CipherVector vector => vector.ToBytes(),
        Ciphertext ciphertext => ciphertext.ToBytes(),
        PaillierPublicKey key => key.ToBytes(),
        _ => null,
    };

    private static byte[] BigEndian(long v)
    {
        var bytes = new byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes, v);
        return bytes;
    }

    /// <summary>The integers a decoded payload carries, whatever integer array type its codec produced.</summary>
    private static IEnumerable<BigInteger> DecodedIntegers(object? value) => value switch
    {
        BigInteger[] xs => xs,
        long[] xs => xs.Select(x => new BigInteger(x)),
        int[] xs => xs.Select(x => new BigInteger(x)),
        UInt128[] xs => xs.Select(x => (BigInteger)x),
        ulong[] xs => xs.Select(x => new BigInteger(x)),
        _ => [],
    };

    [Fact]
    public async Task The_arbiter_receives_only_masked_gradients_and_the_loss()
    {
        var run = await Run.Value;
        var received = run.Transcripts[HeteroLinearFederation.ArbiterId].Entries;
        Assert.Equal(
            new HashSet<string> { "training_plan", "masked_encrypted_gradient", "encrypted_loss" },
            received.Select(e => e.Key.Tag).ToHashSet());
        // What the arbiter decrypted is what it sent back. Each packed slot holds G + 2^B + r with r uniform below
        // 2^(B+κ); an unmasked slot (G + 2^B) would be below 2^(B+1), which a masked one is with probability 2^−79.
        var key = PublicKey(run);
        var perCiphertext = MaskedGradientPacking.SlotsPerCiphertext(key);
        var unmaskedBound = BigInteger.One << (MaskedGradientPacking.GradientBits + 1);
        var decrypted = new[] { HeteroLinearFederation.GuestId, HeteroLinearFederation.FirstHostId }
            .SelectMany(id => run.Transcripts[id].Entries.Where(e => e.Key.Tag == "masked_gradient"))
            .SelectMany(e => (BigInteger[])e.Value!)
            .ToList();
        var packedPerEpoch = ((11 + perCiphertext - 1) / perCiphertext) + ((20 + perCiphertext - 1) / perCiphertext);
        Assert.Equal(2 * packedPerEpoch, decrypted.Count);
        Assert.True(decrypted.Count < 2 * (11 + 20), "gradients should travel packed, several per ciphertext");
        var slotMask = (BigInteger.One << MaskedGradientPacking.SlotBits) - 1;
        foreach (var plaintext in decrypted)
        {
            Assert.InRange(plaintext, BigInteger.Zero, key.N.ToBigInteger() - 1);
            var slots = Enumerable.Range(0, perCiphertext).Select(s => (plaintext >> (s * MaskedGradientPacking.SlotBits)) & slotMask).Where(s => !s.IsZero);
            Assert.All(slots, slot => Assert.True(slot >= unmaskedBound, $"slot {slot} looks unmasked"));
        }
    }

    private static PaillierPublicKey PublicKey(HeteroLinearFederation run) =>
        (PaillierPublicKey)run.Transcripts[HeteroLinearFederation.GuestId].Entries.Single(e => e.Key.Tag == "paillier_public_key").Value!;

    private static BigInteger Mod(BigInteger v, BigInteger n) => ((v % n) + n) % n;

    private static byte[] ToBytes(BigInteger v, int length)
    {
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[length - raw.Length], .. raw];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
