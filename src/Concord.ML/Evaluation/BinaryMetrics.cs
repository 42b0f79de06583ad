namespace Concord.ML.Evaluation;

/// <summary>
/// Binary classification metrics, as FATE's evaluation reports them: AUC and KS over every threshold, the
/// confusion matrix and its rates at one threshold, ROC, lift and gain curves. Sample weights count a row that
/// many times, as sklearn's sample_weight does.
/// </summary>
public static class BinaryMetrics
{
    public const double DefaultThreshold = 0.5;

    /// <summary>The deciles lift and gain are reported at.</summary>
    public const int LiftPoints = 10;

    /// <param name="scores">Each row's P(label = 1), e.g. a model's predict_score.</param>
    /// <param name="labels">Each row's true label: 0 or 1.</param>
    /// <param name="positiveLabel">The class whose precision, recall and F1 are reported; with 0, the score of that class is 1 − score.</param>
    public static BinaryEvaluation Evaluate(
        ReadOnlySpan<double> scores, ReadOnlySpan<double> labels, double[]? weights = null,
        double threshold = DefaultThreshold, int positiveLabel = 1)
    {
        var w = EvaluationInput.Check(scores, labels, weights, "the score");
        if (positiveLabel is not (0 or 1))
        {
            throw new ArgumentException($"the positive label is {positiveLabel}: binary evaluation takes 0 or 1");
        }
        if (!double.IsFinite(threshold))
        {
            throw new ArgumentException($"the threshold is {threshold}: it must be a finite number");
        }
        var positive = new bool[labels.Length];
        var classScores = new double[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i] is not (0.0 or 1.0))
            {
                throw new ArgumentException($"the label of row {i} is {labels[i]}: binary evaluation needs labels 0 and 1 (use eval_type multi or regression for other labels)");
            }
            positive[i] = labels[i] == positiveLabel;
            classScores[i] = positiveLabel == 1 ? scores[i] : 1 - scores[i];
        }
        var sweep = ThresholdSweep.Of(classScores, positive, w);
        RequireBothClasses(sweep);
        var roc = Roc(sweep);
        var ksIndex = KsIndex(roc);
        return new BinaryEvaluation(
            Auc(roc), roc.Y[ksIndex] - roc.X[ksIndex], ksIndex, threshold, positiveLabel,
            Confusion(classScores, positive, w, threshold), roc, LiftCurves.Lift(sweep), LiftCurves.Gain(sweep));
    }

    private static void RequireBothClasses(ThresholdSweep sweep)
    {
        if (sweep.Positives <= 0 || sweep.Negatives <= 0)
        {
            throw new ArgumentException(
                $"every row is {(sweep.Positives > 0 ? "positive" : "negative")}: AUC, KS and the ROC curve need rows of both classes");
        }
    }

    private static Curve Roc(ThresholdSweep sweep)
    {
        var fpr = new double[sweep.Count + 1];
        var tpr = new double[sweep.Count + 1];
        var thresholds = new double[sweep.Count + 1];
        thresholds[0] = double.PositiveInfinity;
        for (var k = 0; k < sweep.Count; k++)
        {
            fpr[k + 1] = sweep.FalsePositives[k] / sweep.Negatives;
            tpr[k + 1] = sweep.TruePositives[k] / sweep.Positives;
            thresholds[k + 1] = sweep.Thresholds[k];
        }
        return new Curve(fpr, tpr, thresholds);
    }

    /// <summary>The area under the ROC polyline: a tie step is a diagonal segment, which is the ½ a tied pair earns.</summary>
    private static double Auc(Curve roc)
    {
        var area = 0.0;
        for (var k = 1; k < roc.Count; k++)
        {
            area += (roc.X[k] - roc.X[k - 1]) * (roc.Y[k] + roc.Y[k - 1]) / 2;
        }
        return area;
    }

    private static int KsIndex(Curve roc)
    {
        var best = 0;
        for (var k = 1; k < roc.Count; k++)
        {
            if (roc.Y[k] - roc.X[k] > roc.Y[best] - roc.X[best])
            {
                best = k;
            }
        }
        return best;
    }

    /// <summary>A row is called positive when its score is at least the threshold.</summary>
    private static BinaryConfusion Confusion(double[] scores, bool[] positive, double[] weights, double threshold)
    {
        double tn = 0, fp = 0, fn = 0, tp = 0;
        for (var i = 0; i < scores.Length; i++)
        {
            var called = scores[i] >= threshold;
            if (positive[i])
            {
                if (called) { tp += weights[i]; } else { fn += weights[i]; }
            }
            else
            {
                if (called) { fp += weights[i]; } else { tn += weights[i]; }
            }
        }
        return new BinaryConfusion(tn, fp, fn, tp);
    }
}
