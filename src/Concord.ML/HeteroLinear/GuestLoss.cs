using Concord.Crypto.Paillier;
using Concord.Crypto.Vector;
using Concord.ML.Linear;

namespace Concord.ML.HeteroLinear;

/// <summary>
/// The guest's encrypted batch loss. With u = u_g + U and U = Σ_h u_h, K·L = p(u_g) + a(u_g)·U + U², where
/// logistic (Taylor): K = 8, p = 8·ln2 − 4y±·u_g + u_g², a = 2u_g − 4y±; linear: K = 2, p = (u_g − y)², a = 2(u_g − y).
/// U² = Σ_h u_h² + 2·Σ_{h&lt;h'} u_h·u_h' arrives already encrypted and summed (see <see cref="HeteroLinearGuest"/>), so
/// Enc(Σ w·K·L) = Π Enc(U)^{w·a} · Enc(Σ w·U²) · g^{Σ w·p}: one multi-exponentiation and two additions.
/// </summary>
internal static class GuestLoss
{
    /// <param name="hostPredictor">Enc(U) per row, at the predictor scale S.</param>
    /// <param name="squaredHostPredictor">Enc(Σ w·U²) over the batch, at S² (times the weight scale when weighted).</param>
    /// <param name="weights">The batch's sample weights as fixed-point exponents, in batch order; null without sample weights.</param>
    public static EncryptedBatchLoss Encrypt(
        LinearTask task, CipherVector hostPredictor, Ciphertext squaredHostPredictor, double[] own, IReadOnlyList<int> rows, double[] y, long[]? weights)
    {
        const double s = FixedPointScales.Predictor;
        var coefficients = new long[rows.Count];
        var plain = 0.0;
        for (var r = 0; r < rows.Count; r++)
        {
            var i = rows[r];
            var w = weights?[r] ?? 1;
            var u = own[r];
            var (p, a) = task == LinearTask.Logistic
                ? ((8 * Math.Log(2)) - (4 * Residuals.Signed(y[i]) * u) + (u * u), (2 * u) - (4 * Residuals.Signed(y[i])))
                : ((u - y[i]) * (u - y[i]), 2 * (u - y[i]));
            coefficients[r] = FixedPointScales.Exponent(w * a, s, $"loss coefficient in row {i}");
            plain += w * p;
        }
        var key = hostPredictor.PublicKey;
        var loss = hostPredictor.WeightedSum(coefficients)
            .Add(squaredHostPredictor)
            .AddPlaintext(FixedPointScales.Encode(key, plain, s * s));
        var k = task == LinearTask.Logistic ? 8 : 2;
        var weightScale = weights is null ? 1 : FixedPointScales.Factor;
        return new EncryptedBatchLoss(loss, k * s * s * weightScale * rows.Count);
    }
}
