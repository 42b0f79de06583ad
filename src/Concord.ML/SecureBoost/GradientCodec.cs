using Concord.Crypto.Arithmetic;
using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The guest's side of the gradient encryption: each row's quantized g and h of every output are packed into one
/// Paillier plaintext (g₀, h₀, g₁, h₁, …) as signed slots, so one encryption carries them all, and a host's packed
/// candidate sums decrypt back to exact integer sums. The scales stay with the guest.
/// </summary>
internal sealed class GradientCodec
{
    private readonly PaillierKeyPair _keys;

    public GradientCodec(PaillierKeyPair keys, int outputs, long maxTerms, bool packCandidates)
    {
        _keys = keys;
        SlotsPerRow = 2 * outputs;
        PrecisionBits = QuantizedGradients.Precision(keys.PublicKey.Bits, outputs, maxTerms);
        Packing = new SignedPacking(keys.PublicKey.Bits - 1, PrecisionBits + 1, maxTerms);
        // Packing a candidate costs the host one squaring mod n² per bit it is shifted by (2·outputs slots), while it
        // saves the guest most of a decryption, worth about a quarter of the key's bits in such squarings: so many
        // classes are not worth packing.
        CandidatesPerCiphertext = packCandidates && SlotsPerRow * Packing.SlotBits <= keys.PublicKey.Bits / 4
            ? Packing.SlotsPerPlaintext / SlotsPerRow
            : 1;
    }

    public int SlotsPerRow { get; }

    public int PrecisionBits { get; }

    public SignedPacking Packing { get; }

    public int CandidatesPerCiphertext { get; }

    public PaillierPublicKey PublicKey => _keys.PublicKey;

    public BoostSetup Setup => new(PublicKey, Packing.ValueBits, Packing.MaxTerms, SlotsPerRow, CandidatesPerCiphertext, null);

    /// <summary>Enc(packed g and h of every output) for each of <paramref name="rows"/>.</summary>
    public CipherVector Encrypt(QuantizedGradients gradients, int[] rows)
    {
        using var timing = PhaseTimer.Start(Phase.Encrypt);
        PhaseTimer.Current?.Count(Operation.Encryptions, rows.Length);
        var outputs = gradients.Outputs;
        var plaintexts = new BigNat[rows.Length];
        Parallel.For(0, rows.Length, () => new long[SlotsPerRow], (i, _, slots) =>
        {
            for (var k = 0; k < outputs; k++)
            {
                slots[2 * k] = gradients.G[k][rows[i]];
                slots[(2 * k) + 1] = gradients.H[k][rows[i]];
            }
            plaintexts[i] = Packing.Pack(PublicKey, slots);
            return slots;
        }, _ => { });
        return CipherVector.Encrypt(_keys.PrivateKey, plaintexts);
    }

    /// <summary>How many ciphertexts a host sends for <paramref name="counts"/>[i] candidates of node i, packed <see cref="CandidatesPerCiphertext"/> per ciphertext.</summary>
    public int Ciphertexts(long[] counts)
    {
        var per = CandidatesPerCiphertext;
        var total = counts.Sum(c => c is >= 0 and <= int.MaxValue ? (c + per - 1) / per : throw new InvalidDataException($"{c} candidates for a node"));
        return total <= int.MaxValue ? (int)total : throw new InvalidDataException($"{total} ciphertexts for a layer");
    }

    /// <summary>
    /// Decrypts a host's candidate sums for one layer (<see cref="Ciphertexts"/> of them for <paramref name="counts"/>)
    /// and decodes output <paramref name="output"/>'s sums.
    /// </summary>
    public GradientSums[][] Decrypt(CipherVector packed, long[] counts, QuantizedGradients gradients, int output)
    {
        using var timing = PhaseTimer.Start(Phase.Decrypt);
        PhaseTimer.Current?.Count(Operation.Decryptions, packed.Count);
        var per = CandidatesPerCiphertext;
        var plaintexts = packed.Decrypt(_keys.PrivateKey);
        var result = new GradientSums[counts.Length][];
        var next = 0;
        var slots = new Int128[per * SlotsPerRow];
        for (var i = 0; i < counts.Length; i++)
        {
            var sums = result[i] = new GradientSums[counts[i]];
            for (var first = 0; first < sums.Length; first += per)
            {
                var items = Math.Min(per, sums.Length - first);
                var span = slots.AsSpan(0, items * SlotsPerRow);
                Packing.Unpack(PublicKey, plaintexts[next++], span);
                for (var j = 0; j < items; j++)
                {
                    var at = (j * SlotsPerRow) + (2 * output);
                    sums[first + j] = gradients.Decode(output, span[at], span[at + 1]);
                }
            }
        }
        return result;
    }
}
