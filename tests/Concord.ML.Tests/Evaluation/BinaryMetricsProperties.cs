using Concord.ML.Evaluation;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.ML.Tests.Evaluation;

/// <summary>Binary metrics against their definitions, on small random sets with many ties.</summary>
public class BinaryMetricsProperties
{
    /// <summary>Scores on a coarse grid so that ties between positives and negatives are common; at least one row of each class.</summary>
    private static readonly Arbitrary<(double[] Scores, double[] Labels, double[] Weights)> Samples =
        (from n in Gen.Choose(2, 40)
         from grid in Gen.ArrayOf(Gen.Choose(0, 10), n)
         from labels in Gen.ArrayOf(Gen.Choose(0, 1), n)
         from weights in Gen.ArrayOf(Gen.Choose(1, 4), n)
         select (grid.Select(g => g / 10.0).ToArray(), labels.Select((l, i) => i < 2 ? i : (double)l).ToArray(), weights.Select(w => (double)w).ToArray()))
        .ToArbitrary();

    [Fact]
    public void Auc_is_the_probability_that_a_random_positive_outranks_a_random_negative()
    {
        Prop.ForAll(Samples, s =>
        {
            var e = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights);
            double wins = 0, pairs = 0;
            for (var i = 0; i < s.Scores.Length; i++)
            {
                for (var j = 0; j < s.Scores.Length; j++)
                {
                    if (s.Labels[i] == 1 && s.Labels[j] == 0)
                    {
                        var pair = s.Weights[i] * s.Weights[j];
                        pairs += pair;
                        wins += s.Scores[i] > s.Scores[j] ? pair : s.Scores[i] == s.Scores[j] ? pair / 2 : 0;
                    }
                }
            }
            return Math.Abs(e.Auc - (wins / pairs)) < 1e-12;
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Auc_ks_and_curves_are_invariant_under_a_strictly_increasing_transform_of_the_scores()
    {
        Prop.ForAll(Samples, s =>
        {
            var e = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights);
            var t = BinaryMetrics.Evaluate([.. s.Scores.Select(x => Math.Exp(3 * x) - 7)], s.Labels, s.Weights);
            return e.Auc == t.Auc && e.Ks == t.Ks && e.Roc.X.SequenceEqual(t.Roc.X) && e.Roc.Y.SequenceEqual(t.Roc.Y) && e.Gain.Y.SequenceEqual(t.Gain.Y);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Ks_lies_in_0_1_and_is_the_largest_gap_between_tpr_and_fpr()
    {
        Prop.ForAll(Samples, s =>
        {
            var e = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights);
            var gaps = e.Roc.Y.Zip(e.Roc.X, (tpr, fpr) => tpr - fpr);
            return e.Ks >= 0 && e.Ks <= 1 && e.Ks == gaps.Max();
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Confusion_counts_sum_to_the_rows_and_to_the_total_weight()
    {
        Prop.ForAll(Samples, Gen.Choose(0, 10).ToArbitrary(), (s, t) =>
        {
            var unweighted = BinaryMetrics.Evaluate(s.Scores, s.Labels, threshold: t / 10.0).Confusion;
            var weighted = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights, threshold: t / 10.0).Confusion;
            return unweighted.Total == s.Scores.Length
                && weighted.Total == s.Weights.Sum()
                && unweighted.TruePositives + unweighted.FalseNegatives == s.Labels.Count(l => l == 1);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Gain_ends_at_1_and_grows_with_the_population_selected()
    {
        Prop.ForAll(Samples, s =>
        {
            var gain = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights).Gain;
            return gain.Y[^1] == 1 && gain.X[^1] == 1
                && gain.X.Zip(gain.X.Skip(1), (a, b) => a <= b).All(ok => ok)
                && gain.Y.Zip(gain.Y.Skip(1), (a, b) => a <= b).All(ok => ok)
                && gain.X.Select((x, d) => x >= ((d + 1) / 10.0) - 1e-12).All(ok => ok);
        }).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void An_integer_weight_counts_as_that_many_copies_of_the_row()
    {
        Prop.ForAll(Samples, s =>
        {
            var copies = s.Scores.SelectMany((_, i) => Enumerable.Repeat(i, (int)s.Weights[i])).ToArray();
            var weighted = BinaryMetrics.Evaluate(s.Scores, s.Labels, s.Weights);
            var repeated = BinaryMetrics.Evaluate([.. copies.Select(i => s.Scores[i])], [.. copies.Select(i => s.Labels[i])]);
            var regressionWeighted = RegressionMetrics.Evaluate(s.Scores, s.Labels, s.Weights);
            var regressionRepeated = RegressionMetrics.Evaluate([.. copies.Select(i => s.Scores[i])], [.. copies.Select(i => s.Labels[i])]);
            return Math.Abs(weighted.Auc - repeated.Auc) < 1e-12
                && Math.Abs(weighted.Ks - repeated.Ks) < 1e-12
                && weighted.Confusion == repeated.Confusion
                && Math.Abs(regressionWeighted.Rmse - regressionRepeated.Rmse) < 1e-12
                && Math.Abs(regressionWeighted.R2 - regressionRepeated.R2) < 1e-9;
        }).QuickCheckThrowOnFailure();
    }
}
