using Concord.ML.Scorecard;

namespace Concord.ML.Tests.Scorecard;

/// <summary>Credit scores against the formula worked by hand, and the score distribution against counted bands.</summary>
public sealed class ScorecardTests
{
    private static readonly ScorecardOptions Fate = new();

    [Theory]
    [InlineData(0.5, 500.0)] // even odds score the offset
    [InlineData(0.2, 540.0)] // odds 4 = 2^2: two PDOs of 20 above the offset
    [InlineData(0.8, 460.0)] // odds 1/4: two PDOs below
    [InlineData(0.3, 524.45)] // odds 7/3: 20 * log2(7/3) = 24.448...
    public void A_probability_scores_offset_plus_pdo_per_doubling_of_the_odds(double p, double expected) =>
        Assert.Equal(expected, CreditScore.Of(p, Fate));

    [Fact]
    public void Base_odds_and_factor_base_move_the_anchor_and_the_step()
    {
        Assert.Equal(500, CreditScore.Of(0.2, Fate with { BaseOdds = 4 }));
        Assert.Equal(520, CreditScore.Of(1 / 11.0, Fate with { FactorBase = 10 }));
        Assert.Equal(600, CreditScore.Of(1 / 101.0, Fate with { FactorBase = 10, Factor = 50 }));
    }

    [Fact]
    public void Probabilities_at_0_or_1_score_the_limits_and_others_are_clipped_into_them()
    {
        Assert.Equal(1500, CreditScore.Of(0, Fate));
        Assert.Equal(1500, CreditScore.Of(CreditScore.Epsilon / 2, Fate));
        Assert.Equal(0, CreditScore.Of(1, Fate));
        Assert.Equal(0, CreditScore.Of(1 - (CreditScore.Epsilon / 2), Fate));
        Assert.Equal(525, CreditScore.Of(0.2, Fate with { UpperLimitRatio = 1.05 }));
        Assert.Equal(470, CreditScore.Of(0.8, Fate with { LowerLimitValue = 470 }));
        Assert.Equal(Math.Round(500 + (20 / Math.Log(2) * Math.Log((1 - 1e-7) / 1e-7)), 2), CreditScore.Of(1e-7, Fate));
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void A_value_that_is_no_probability_is_refused(double p) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => CreditScore.Of(p, Fate));

    [Fact]
    public void Distribution_counts_bands_and_bad_rates_by_hand()
    {
        var d = ScoreDistribution.Of([1, 2, 3, 4], [1, 0, 1, 1], bands: 2);
        Assert.Equal((4, 2.5, 1.0, 4.0), (d.Count, d.Mean, d.Min, d.Max));
        Assert.Equal(1.75, d.Quantiles["q25"], 12);
        Assert.Equal(2.5, d.Quantiles["median"], 12);
        Assert.Equal([new ScoreBand(1, 2.5, 2, 1, 0.5), new ScoreBand(2.5, 4, 2, 2, 1.0)], d.Bands);
    }

    [Fact]
    public void Without_labels_bands_have_no_bad_rate_and_equal_scores_share_one_band()
    {
        var d = ScoreDistribution.Of([7, 7, 7], null, bands: 3);
        Assert.Equal([3, 0, 0], d.Bands.Select(b => b.Count));
        Assert.All(d.Bands, b => Assert.Null(b.BadRate));
    }
}
