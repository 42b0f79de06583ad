using Concord.Crypto.Packing;

namespace Concord.ML.SecureBoost;

/// <summary>
/// A round's gradients and hessians as signed fixed-point integers, the form in which every party sums them for split
/// candidates: the guest encrypts exactly these integers, hosts sum them under encryption, and the guest's own features
/// and the LocalBaseline sum them in plaintext. Integer sums are exact and independent of order, so a candidate's sums
/// — and so its gain — come out bit for bit the same wherever they are computed, and the federated trees equal the
/// LocalBaseline's. The scale per output maps the round's largest |g| (and h) to 2^<see cref="PrecisionBits"/>.
/// </summary>
internal sealed class QuantizedGradients
{
    public const int DefaultPrecisionBits = 40;
    private const int MinimumPrecisionBits = 16;

    public QuantizedGradients(double[][] g, double[][] h, int[] rows, int precisionBits)
    {
        PrecisionBits = precisionBits;
        G = new long[g.Length][];
        H = new long[h.Length][];
        GScale = new double[g.Length];
        HScale = new double[h.Length];
        for (var k = 0; k < g.Length; k++)
        {
            (G[k], GScale[k]) = Quantize(g[k], rows, precisionBits);
            (H[k], HScale[k]) = Quantize(h[k], rows, precisionBits);
        }
    }

    public int PrecisionBits { get; }

    /// <summary>Per output, round(g · scale) for each row of the round (0 elsewhere).</summary>
    public long[][] G { get; }

    public long[][] H { get; }

    public double[] GScale { get; }

    public double[] HScale { get; }

    public int Outputs => G.Length;

    public GradientSums Decode(int output, Int128 g, Int128 h) => new((double)g / GScale[output], (double)h / HScale[output]);

    /// <summary>
    /// The precision the gradients get: <see cref="DefaultPrecisionBits"/>, lowered when a row's 2·outputs slots of
    /// precision + 1 value bits, headroom for <paramref name="maxTerms"/> terms and a sign bit would not fit one plaintext.
    /// </summary>
    public static int Precision(int keyBits, int outputs, long maxTerms)
    {
        var plaintextBits = keyBits - 1;
        var headroom = new SignedPacking(plaintextBits, 1, maxTerms).HeadroomBits;
        var precision = Math.Min(DefaultPrecisionBits, (plaintextBits / (2 * outputs)) - headroom - 2);
        return precision >= MinimumPrecisionBits
            ? precision
            : throw new ArgumentException(
                $"{outputs} outputs' gradients do not fit one {keyBits}-bit Paillier plaintext at {MinimumPrecisionBits}-bit precision; raise key_bits");
    }

    private static (long[] Values, double Scale) Quantize(double[] values, int[] rows, int precisionBits)
    {
        var max = 0.0;
        foreach (var r in rows)
        {
            max = Math.Max(max, Math.Abs(values[r]));
        }
        var scale = max > 0 ? Math.ScaleB(1.0, precisionBits) / max : 1;
        var quantized = new long[values.Length];
        foreach (var r in rows)
        {
            quantized[r] = (long)Math.Round(values[r] * scale, MidpointRounding.ToEven);
        }
        return (quantized, scale);
    }
}
