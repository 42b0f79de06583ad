using Concord.ML.JobParameters;

namespace Concord.ML.Scorecard;

/// <summary>
/// FATE's Scorecard parameters: a probability of default p becomes
/// score = offset + factor / ln(factor_base) · ln(odds / base_odds), odds = (1 − p) / p, kept within
/// [lower_limit_value, upper_limit_ratio · offset]. With FATE's defaults (factor_base 2, base_odds 1) this is FATE's
/// formula exactly: offset points at even odds, and every factor (PDO) more points double the good:bad odds.
/// </summary>
public sealed record ScorecardOptions
{
    [Parameter("offset", Description = "the score at base_odds (FATE's offset)")]
    public double Offset { get; init; } = 500;

    [Parameter("factor", Above = 0, Description = "points to multiply the odds by factor_base (PDO: points to double the odds)")]
    public double Factor { get; init; } = 20;

    [Parameter("factor_base", Above = 1, Description = "the odds multiple that factor points stand for; 2 for points to double the odds")]
    public double FactorBase { get; init; } = 2;

    [Parameter("base_odds", Above = 0, Description = "the good:bad odds that score offset points; FATE's formula is base_odds 1")]
    public double BaseOdds { get; init; } = 1;

    [Parameter("upper_limit_ratio", Above = 0, Description = "scores are capped at upper_limit_ratio * offset, and a probability of 0 scores that cap")]
    public double UpperLimitRatio { get; init; } = 3;

    [Parameter("lower_limit_value", Description = "scores are floored at this, and a probability of 1 scores it")]
    public double LowerLimitValue { get; init; }

    [Parameter("bin_num", AtLeast = 1, AtMost = 1000, Description = "equal-width score bands in the distribution report")]
    public int BinNum { get; init; } = 10;

    /// <summary>The cap, upper_limit_ratio · offset.</summary>
    public double UpperLimitValue => UpperLimitRatio * Offset;

    /// <summary>Points per unit of ln(odds): factor / ln(factor_base).</summary>
    public double PointsPerLogOdds => Factor / Math.Log(FactorBase);
}
