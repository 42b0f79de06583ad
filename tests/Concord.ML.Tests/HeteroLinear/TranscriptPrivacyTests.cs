using System.Numerics;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.Federation.Recording;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using Concord.Tests.Shared;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

/// <summary>
/// Each party of a real run on breast played as an honest-but-curious adversary: what landed in its mailbox, read or
/// not, and what it can compute from that with what it holds. Every check runs whatever the training's outcome, which
/// is asserted after them (<see cref="TranscriptAssert.EndOfRun"/>).
/// </summary>
public class TranscriptPrivacyTests
{
    private const int Guest = HeteroLinearFederation.GuestId;
    private const int Host = HeteroLinearFederation.FirstHostId;
    private const int Arbiter = HeteroLinearFederation.ArbiterId;

    /// <summary>Three batches per epoch, two epochs: six masked gradients per party, the same slots batch after batch.</summary>
    private static readonly LinearOptions Options = new() { Task = LinearTask.Logistic, MaxIter = 2, BatchSize = 200, Optimizer = OptimizerKind.Sgd, LearningRate = 0.3, Tol = 0 };

    private static readonly Lazy<Task<(HeteroLinearFederation Run, Exception? Failure)>> Run = new(async () =>
    {
        var run = HeteroLinearFederation.Start(new(Options, 1024), LosslessnessTests.Guest(BreastGuest), [LosslessnessTests.Host(BreastHost)]);
        return (run, await run.SettleAsync());
    });

    private static readonly Dictionary<int, string[]> ExpectedTags = new()
    {
        [Guest] = ["aligned_id_digest", "paillier_public_key", "encrypted_host_predictor", "encrypted_squared_host_predictor_sum", "masked_gradient", "convergence_verdict", "host_partial_score"],
        [Host] = ["training_plan", "paillier_public_key", "encrypted_residual", "masked_gradient", "convergence_verdict"],
        [Arbiter] = ["training_plan", "masked_encrypted_gradient", "encrypted_loss"],
    };

    private static int Batches => 2 * 3;

    [Fact]
    public async Task The_host_receives_no_labels_residuals_or_guest_features_in_plaintext_and_cannot_divide_its_own_part_out()
    {
        var (run, failure) = await Run.Value;
        var delivered = run.Transcripts[Host].DeliveredTo(Host).ToList();
        var read = run.Transcripts[Host].ReceivedBy(Host).ToList();

        var n = PublicKey(run).N.ToBigInteger();
        var labels = BreastGuest.Labels!;
        // A plaintext label vector as the double[] codec would carry it, and the first epoch's residual share (w = 0: −2·y±·S mod n).
        var labelBytes = labels.Take(16).SelectMany(y => BitConverter.GetBytes(y)).ToArray();
        var residuals = labels.Take(16).Select(y => ToBytes(Mod(new BigInteger(-2 * Residuals.Signed(y) * (1 << 24)), n), PublicKey(run).N.ByteLength)).ToList();
        foreach (var payload in delivered.Select(d => d.Payload))
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
        foreach (var entry in read)
        {
            Assert.DoesNotContain(DecodedIntegers(entry.Value), v => v >= long.MinValue && v <= long.MaxValue && fixedPoints.Contains((long)v));
            if (RawBytes(entry.Value) is byte[] raw)
            {
                Assert.DoesNotContain(fixedPoints, v => Contains(raw, BigEndian(v)));
            }
        }
        // Enc(d) = Enc(u_h)·Enc(guest share): were the share added to the host's own ciphertext without fresh
        // randomness, the host would divide Enc(u_h) out and read −2y± (the label) from the quotient.
        Assert.Contains(read, e => e.Key.Tag == "encrypted_residual");
        DivideOut.AssertNone("host", ReceivedCiphertexts(run, Host), SentCiphertexts(run, Host));

        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    [Fact]
    public async Task The_arbiter_receives_only_masked_gradients_and_the_loss_and_the_masks_look_uniform_and_fresh()
    {
        var (run, failure) = await Run.Value;
        Assert.Subset(ExpectedTags[Arbiter].ToHashSet(), run.Transcripts[Arbiter].DeliveredTo(Arbiter).Select(d => d.Key.Tag).ToHashSet());
        // What the arbiter decrypted is what it sent back. Each packed slot holds G + 2^B + r with r uniform below
        // 2^(B+κ); an unmasked slot (G + 2^B) would be below 2^(B+1), which a masked one is with probability 2^−79.
        var key = PublicKey(run);
        var perCiphertext = MaskedGradientPacking.SlotsPerCiphertext(key);
        var widths = new Dictionary<int, int> { [Guest] = BreastGuest.Features.Columns.Length + 1, [Host] = BreastHost.Features.Columns.Length };
        var decrypted = widths.Keys.SelectMany(id => run.Transcripts[id].ReceivedBy(id).Where(e => e.Key.Tag == "masked_gradient")
            .Select(e => (Party: id, Packed: (BigInteger[])e.Value!))).ToList();
        var packedPerBatch = widths.Values.Sum(w => (w + perCiphertext - 1) / perCiphertext);
        Assert.Equal(Batches * packedPerBatch, decrypted.Sum(d => d.Packed.Length));
        Assert.True(packedPerBatch < widths.Values.Sum(), "gradients should travel packed, several per ciphertext");

        var slotMask = (BigInteger.One << MaskedGradientPacking.SlotBits) - 1;
        var slots = decrypted.SelectMany(d => Enumerable.Range(0, widths[d.Party])
            .Select(j => (d.Party, Weight: j, Value: (d.Packed[j / perCiphertext] >> (j % perCiphertext * MaskedGradientPacking.SlotBits)) & slotMask))).ToList();
        Assert.All(decrypted.SelectMany(d => d.Packed), p => Assert.InRange(p, BigInteger.Zero, key.N.ToBigInteger() - 1));
        var unmaskedBound = BigInteger.One << (MaskedGradientPacking.GradientBits + 1);
        Assert.All(slots, s => Assert.True(s.Value >= unmaskedBound, $"slot {s.Value} of party {s.Party} looks unmasked"));

        // G + 2^B + r mod 2^(B+κ) is exactly uniform when r is: so its low B+κ bits must look it.
        const int maskBits = MaskedGradientPacking.GradientBits + MaskedGradientPacking.StatisticalBits;
        var low = slots.Select(s => s.Value & ((BigInteger.One << maskBits) - 1)).ToList();
        Uniformity.AssertBitBalance(low, maskBits, "masked gradient slots");
        Uniformity.AssertBytesUniform(Uniformity.LowBytes(low, maskBits / 8), "masked gradient slots");

        // Fresh masks: one weight's slots in two batches differ by G − G' (below 2^(B+1)) under a reused mask, and by
        // less than 2^(B+2) with fresh masks with probability 2^−(κ−3) per pair.
        var close = BigInteger.One << (MaskedGradientPacking.GradientBits + 2);
        foreach (var weight in slots.GroupBy(s => (s.Party, s.Weight)))
        {
            var values = weight.Select(s => s.Value).ToList();
            Assert.Equal(Batches, values.Count);
            for (var a = 0; a < values.Count; a++)
            {
                for (var b = a + 1; b < values.Count; b++)
                {
                    Assert.True(BigInteger.Abs(values[a] - values[b]) >= close, $"party {weight.Key.Party}'s weight {weight.Key.Weight} was masked alike in batches {a} and {b}");
                }
            }
        }

        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    [Fact]
    public async Task The_guest_with_its_labels_features_and_ciphertexts_learns_no_host_feature_or_predictor_during_training()
    {
        var (run, failure) = await Run.Value;
        var delivered = run.Transcripts[Guest].DeliveredTo(Guest).ToList();
        var read = run.Transcripts[Guest].ReceivedBy(Guest).ToList();

        // No host feature value crosses, as a double anywhere or as a fixed-point exponent in a decoded vector or ciphertext.
        var hostValues = BreastHost.Features.Columns.SelectMany(column => column.Take(60).Where(x => Math.Abs(x) > 1e-3)).Distinct().ToList();
        Assert.All(delivered, d => Assert.DoesNotContain(hostValues, x => Contains(d.Payload, BitConverter.GetBytes(x))));
        var fixedPoints = BreastHost.Features.Columns
            .SelectMany(column => column.Take(60).Where(x => Math.Abs(x) > 1e-3).Select(x => (long)Math.Round(x * FixedPointScales.FeatureScale(column))))
            .ToHashSet();
        foreach (var entry in read)
        {
            Assert.DoesNotContain(DecodedIntegers(entry.Value), v => v >= long.MinValue && v <= long.MaxValue && fixedPoints.Contains((long)v));
            if (RawBytes(entry.Value) is byte[] raw)
            {
                Assert.DoesNotContain(fixedPoints, v => Contains(raw, BigEndian(v)));
            }
        }
        if (run.Hosts[0].IsCompletedSuccessfully)
        {
            var weights = (await run.Hosts[0]).Weights[0].Where(w => w != 0).ToList();
            Assert.All(delivered, d => Assert.DoesNotContain(weights, w => Contains(d.Payload, BitConverter.GetBytes(w))));
        }

        // During training the guest holds only ciphertexts under the arbiter's key: every one is fresh (none repeats
        // another's randomness, so no quotient of two it received, or of one it received and one it made, reads
        // as Δu_h or a share without the key), and none repeats: equal ciphertexts would show equal predictors.
        var received = ReceivedCiphertexts(run, Guest);
        Assert.Equal(received.Count, received.Select(c => c.Value.Value).Distinct().Count());
        DivideOut.AssertNone("guest", received, SentCiphertexts(run, Guest));

        TranscriptAssert.EndOfRun(failure, run.Transcripts, ExpectedTags);
    }

    /// <summary>Every ciphertext <paramref name="party"/> read, decoded, named by tag and scope.</summary>
    private static List<DivideOut.Known> ReceivedCiphertexts(HeteroLinearFederation run, int party) =>
        [.. run.Transcripts[party].ReceivedBy(party).SelectMany(Ciphertexts)];

    /// <summary>Every ciphertext <paramref name="party"/> sent, as its receivers read them.</summary>
    private static List<DivideOut.Known> SentCiphertexts(HeteroLinearFederation run, int party) =>
        [.. run.Transcripts.SelectMany(t => t.Value.ReceivedBy(t.Key)).Where(e => e.Key.From.Id == party).SelectMany(Ciphertexts)];

    private static IEnumerable<DivideOut.Known> Ciphertexts(TranscriptEntry entry)
    {
        var what = $"\"{entry.Key.Tag}\" ({entry.Key.Scope}) from {entry.Key.From}";
        return entry.Value switch
        {
            CipherVector v => Enumerable.Range(0, v.Count).Select(i => new DivideOut.Known($"{what}[{i}]", v[i])),
            Ciphertext c => [new DivideOut.Known(what, c)],
            EncryptedBatchLoss loss => [new DivideOut.Known(what, loss.Loss)],
            _ => [],
        };
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

    private static PaillierPublicKey PublicKey(HeteroLinearFederation run) =>
        (PaillierPublicKey)run.Transcripts[Guest].Entries.Single(e => e.Key.Tag == "paillier_public_key").Value!;

    private static BigInteger Mod(BigInteger v, BigInteger n) => ((v % n) + n) % n;

    private static byte[] ToBytes(BigInteger v, int length)
    {
        var raw = v.ToByteArray(isUnsigned: true, isBigEndian: true);
        return [.. new byte[length - raw.Length], .. raw];
    }

    private static bool Contains(byte[] haystack, byte[] needle) => haystack.AsSpan().IndexOf(needle) >= 0;
}
