using Concord.Crypto.Arithmetic;
using Concord.Crypto.Packing;
using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;

namespace Concord.ML.SecureBoost;

/// <summary>
/// The guest's side of the gradient encryption. Each row's g and h of every output become signed fixed-point integers,
/// packed into one Paillier plaintext (g₀, h₀, g₁, h₁, …), so one encryption carries them all. The fixed-point scale is
/// chosen per round and output so that the largest |g| (and h) maps to 2^<see cref="PrecisionBits"/>; it never leaves
/// the guest. Sums decode exactly to the sum of the rounded values, so a host's candidate sums differ from plaintext
/// sums by at most 2^−(P+1) of the round's largest gradient per row.
/// </summary>
internal sealed class GradientCodec
{
    /// <summary>Bits of resolution below the round's largest |g| and h; lowered when many classes must share one plaintext.</summary>
    public const int DefaultPrecisionBits = 40;
    private const int MinimumPrecisionBits = 16;

    private readonly PaillierKeyPair _keys;
    private readonly double[] _gScale;
    private readonly double[] _hScale;

    public GradientCodec(PaillierKeyPair keys, int outputs, long maxTerms, bool packCandidates)
    {
        _keys = keys;
        Outputs = outputs;
        SlotsPerRow = 2 * outputs;
        var plaintextBits = keys.PublicKey.Bits - 1;
        var headroom = new SignedPacking(plaintextBits, 1, maxTerms).HeadroomBits;
        // A row's 2·outputs slots of (P + 1) + headroom + 1 bits must fit one plaintext.
        PrecisionBits = Math.Min(DefaultPrecisionBits, (plaintextBits / SlotsPerRow) - headroom - 2);
        if (PrecisionBits < MinimumPrecisionBits)
        {
            throw new ArgumentException(
                $"{outputs} outputs' gradients do not fit one {keys.PublicKey.Bits}-bit Paillier plaintext at {MinimumPrecisionBits}-bit precision; raise key_bits");
        }
        Packing = new SignedPacking(plaintextBits, PrecisionBits + 1, maxTerms);
        CandidatesPerCiphertext = packCandidates ? Packing.SlotsPerPlaintext / SlotsPerRow : 1;
        _gScale = new double[outputs];
        _hScale = new double[outputs];
    }

    public int Outputs { get; }

    public int SlotsPerRow { get; }

    public int PrecisionBits { get; }

    public SignedPacking Packing { get; }

    public int CandidatesPerCiphertext { get; }

    public PaillierPublicKey PublicKey => _keys.PublicKey;

    public BoostSetup Setup => new(PublicKey.ToBytes(), Packing.ValueBits, Packing.MaxTerms, SlotsPerRow, CandidatesPerCiphertext, null);

    /// <summary>Enc(packed g and h) for each of <paramref name="rows"/>, under scales fitted to this round's gradients.</summary>
    public CipherVector Encrypt(double[][] g, double[][] h, int[] rows)
    {
        for (var k = 0; k < Outputs; k++)
        {
            _gScale[k] = Scale(g[k], rows);
            _hScale[k] = Scale(h[k], rows);
        }
        var plaintexts = new BigNat[rows.Length];
        Parallel.For(0, rows.Length, () => new long[SlotsPerRow], (i, _, slots) =>
        {
            var r = rows[i];
            for (var k = 0; k < Outputs; k++)
            {
                slots[2 * k] = (long)Math.Round(g[k][r] * _gScale[k], MidpointRounding.ToEven);
                slots[(2 * k) + 1] = (long)Math.Round(h[k][r] * _hScale[k], MidpointRounding.ToEven);
            }
            plaintexts[i] = Packing.Pack(PublicKey, slots);
            return slots;
        }, _ => { });
        return CipherVector.Encrypt(_keys.PrivateKey, plaintexts);
    }

    /// <summary>
    /// Decrypts a host's candidate sums for one layer: <paramref name="counts"/>[i] candidates for node i, packed
    /// <see cref="CandidatesPerCiphertext"/> per ciphertext, and decodes output <paramref name="output"/>'s sums.
    /// </summary>
    public GradientSums[][] Decrypt(CipherVector packed, long[] counts, int output, string from)
    {
        var per = CandidatesPerCiphertext;
        var expected = counts.Sum(c => (c + per - 1) / per);
        if (packed.Count != expected)
        {
            throw new InvalidDataException($"{from} sent {packed.Count} ciphertexts for {counts.Sum()} candidates; {per} per ciphertext makes {expected}");
        }
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
                    sums[first + j] = new GradientSums(
                        (double)span[(j * SlotsPerRow) + (2 * output)] / _gScale[output],
                        (double)span[(j * SlotsPerRow) + (2 * output) + 1] / _hScale[output]);
                }
            }
        }
        return result;
    }

    private double Scale(double[] values, int[] rows)
    {
        var max = 0.0;
        foreach (var r in rows)
        {
            max = Math.Max(max, Math.Abs(values[r]));
        }
        return max > 0 ? Math.ScaleB(1.0, PrecisionBits) / max : 1;
    }
}
