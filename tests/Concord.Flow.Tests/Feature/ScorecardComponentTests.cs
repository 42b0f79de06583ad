using Concord.Data;
using Concord.Flow.Components;
using Concord.ML.Scorecard;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Feature;

/// <summary>The scorecard over a prediction table, its refusals, and its job-file checks.</summary>
public sealed class ScorecardComponentTests
{
    private static PartyTable Predictions(double[] scores, double[]? labels = null) => PartyTable.Create(
        "id", [.. scores.Select((_, i) => $"r{i}")], [PredictionColumns.Score], [scores], labels is null ? null : "y", labels);

    [Fact]
    public void Each_row_gets_its_credit_score_next_to_its_prediction_and_label()
    {
        var (table, distribution) = ScorecardComponent.Score(Predictions([0.5, 0.2, 0.8, 0], [0, 0, 1, 0]), new ScorecardOptions());
        Assert.Equal([PredictionColumns.Score, ScorecardComponent.CreditScoreColumn], table.Schema.FeatureNames);
        Assert.Equal([500, 540, 460, 1500], table.Column(1).ToArray());
        Assert.Equal([0, 0, 1, 0], table.Labels!);
        Assert.Equal(4, distribution.Count);
        // Ten bands of 104 points from 460: the first holds 460 (the bad row), 500 and 540; the last holds 1500.
        Assert.Equal((3, 1), (distribution.Bands[0].Count, distribution.Bands[0].Bad));
        Assert.Equal((1, 0.0), (distribution.Bands[^1].Count, distribution.Bands[^1].BadRate));
    }

    [Fact]
    public void Bad_inputs_are_refused_in_one_line_naming_the_row_column_or_limit()
    {
        var notProbability = Assert.Throws<ArgumentException>(() => ScorecardComponent.Score(Predictions([0.5, 1.5]), new ScorecardOptions()));
        Assert.Contains("row \u2039r1\u203a has predict_score 1.5", notProbability.Message, StringComparison.Ordinal);
        var noScore = Assert.Throws<ArgumentException>(() => ScorecardComponent.Score(PartyTable.Create("id", ["a"], ["x"], [[0.1]]), new ScorecardOptions()));
        Assert.Contains("no \"predict_score\" column (it has: x)", noScore.Message, StringComparison.Ordinal);
        var limits = Assert.Throws<ArgumentException>(() => ScorecardComponent.Score(Predictions([0.5]), new ScorecardOptions { LowerLimitValue = 2000 }));
        Assert.Contains("lower_limit_value 2000 is not below the cap", limits.Message, StringComparison.Ordinal);
        Assert.All(new[] { notProbability, noScore, limits }, e => Assert.DoesNotContain('\n', e.Message));
    }

    [Theory]
    [InlineData("factor: 0", "0 is out of range")]
    [InlineData("factor_base: 1", "1 is out of range")]
    [InlineData("bin_num: 0", "0 is out of range")]
    public void A_job_file_with_a_bad_scorecard_parameter_is_refused_at_submission(string line, string expected)
    {
        var error = SingleError(Job($$"""
            {{Reader}}
            - name: score_0
              type: scorecard
              inputs: { data: reader_0.data }
              parameters: { {{line}} }
            """));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.StartsWith("score_0.parameters.", error.Where, StringComparison.Ordinal);
    }
}
