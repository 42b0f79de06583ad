namespace Concord.ML.Scorecard;

/// <summary>
/// One probability of default to one credit score, as FATE's Scorecard does: a probability within
/// <see cref="Epsilon"/> of 0 or 1 has infinite odds, so it scores the cap or the floor; any other is scaled by the
/// log-odds, clipped into [floor, cap] and rounded to two decimals.
/// </summary>
public static class CreditScore
{
    /// <summary>FATE's FLOAT_ZERO: how close to 0 or 1 a probability is taken as 0 or 1.</summary>
    public const double Epsilon = 1e-8;

    /// <exception cref="ArgumentOutOfRangeException">p is not a probability (FATE scores such a row −1; here the row is refused).</exception>
    public static double Of(double p, ScorecardOptions options)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "not a probability");
        }
        var (floor, cap) = (options.LowerLimitValue, options.UpperLimitValue);
        if (p < Epsilon)
        {
            return Math.Round(cap, 2);
        }
        if (p > 1 - Epsilon)
        {
            return Math.Round(floor, 2);
        }
        var odds = (1 - p) / p;
        var score = options.Offset + options.PointsPerLogOdds * Math.Log(odds / options.BaseOdds);
        return Math.Round(Math.Clamp(score, floor, cap), 2);
    }
}
