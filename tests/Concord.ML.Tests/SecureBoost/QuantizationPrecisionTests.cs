using Concord.ML.SecureBoost;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>
/// Pins the fixed-point precision of the gradient sums every party computes: losslessness rests on two candidates'
/// gains tying only below about 1e-10, which needs 40 bits below the round's largest |g|. Lowering the precision, or
/// quantizing coarser than it says, fails here, not silently in a near-tie months later.
/// </summary>
public class QuantizationPrecisionTests
{
    /// <summary>Half a unit, plus the rounding of the check itself (an ulp of g is about 2^-13 of a unit).</summary>
    private const double HalfUnit = 0.5 + 1e-3;

    [Theory]
    [InlineData(1024, 1, 30_000)]
    [InlineData(1024, 1, 1_000_000)]
    [InlineData(2048, 4, 1_000_000)]
    public void Common_keys_and_outputs_keep_40_bits(int keyBits, int outputs, long rows) =>
        Assert.Equal(40, QuantizedGradients.Precision(keyBits, outputs, rows));

    [Fact]
    public void Every_gradient_is_rounded_to_within_half_a_unit_of_2_to_the_minus_40_of_the_largest()
    {
        var random = new Random(11);
        const int rows = 10_000;
        double[] g = [.. Enumerable.Range(0, rows).Select(_ => (random.NextDouble() * 2) - 1)];
        double[] h = [.. g.Select(v => 0.25 - (v * v / 8))];
        var quantized = new QuantizedGradients([g], [h], [.. Enumerable.Range(0, rows)], QuantizedGradients.Precision(1024, 1, rows));

        var (gUnit, hUnit) = (Math.ScaleB(g.Max(Math.Abs), -40), Math.ScaleB(h.Max(), -40));
        Assert.Equal(1 / gUnit, quantized.GScale[0], 1e-6 / gUnit);
        for (var r = 0; r < rows; r++)
        {
            Assert.True(Math.Abs((quantized.G[0][r] / quantized.GScale[0]) - g[r]) <= gUnit * HalfUnit, $"row {r}: g = {g[r]} quantized to {quantized.G[0][r]}");
            Assert.True(Math.Abs((quantized.H[0][r] / quantized.HScale[0]) - h[r]) <= hUnit * HalfUnit, $"row {r}: h = {h[r]} quantized to {quantized.H[0][r]}");
        }
    }
}
