namespace Concord.ML.Evaluation;

/// <summary>Multi-class metrics from one score column per class; a row's prediction is its highest-scoring class (on a tie, the first column).</summary>
public static class MultiClassMetrics
{
    /// <param name="classes">The label value of each score column.</param>
    /// <param name="scores">One column per class (the same order as <paramref name="classes"/>), one value per row.</param>
    public static MultiClassEvaluation Evaluate(double[] classes, IReadOnlyList<double[]> scores, ReadOnlySpan<double> labels, double[]? weights = null)
    {
        if (classes.Length < 2 || classes.Length != scores.Count)
        {
            throw new ArgumentException($"multi-class evaluation needs a score column for each of at least 2 classes; got {scores.Count} columns for {classes.Length} classes");
        }
        if (classes.Distinct().Count() != classes.Length)
        {
            throw new ArgumentException($"the classes {string.Join(", ", classes)} name one class twice");
        }
        double[] w = [];
        for (var c = 0; c < classes.Length; c++)
        {
            w = EvaluationInput.Check(scores[c], labels, weights, $"the score of class {classes[c]}");
        }
        var confusion = classes.Select(_ => new double[classes.Length]).ToArray();
        for (var i = 0; i < labels.Length; i++)
        {
            var truth = Array.IndexOf(classes, labels[i]);
            if (truth < 0)
            {
                throw new ArgumentException($"the label of row {i} is {labels[i]}, which is none of the scored classes {string.Join(", ", classes)}");
            }
            confusion[truth][Predicted(scores, i)] += w[i];
        }
        return Summarise(classes, confusion);
    }

    private static int Predicted(IReadOnlyList<double[]> scores, int row)
    {
        var best = 0;
        for (var c = 1; c < scores.Count; c++)
        {
            if (scores[c][row] > scores[best][row])
            {
                best = c;
            }
        }
        return best;
    }

    private static MultiClassEvaluation Summarise(double[] classes, double[][] confusion)
    {
        var k = classes.Length;
        double total = 0, correct = 0;
        var precision = new List<double>();
        var recall = new List<double>();
        var f1 = new List<double>();
        for (var c = 0; c < k; c++)
        {
            var tp = confusion[c][c];
            var actual = confusion[c].Sum();
            var predicted = confusion.Sum(row => row[c]);
            total += actual;
            correct += tp;
            if (actual > 0 || predicted > 0)
            {
                var counts = new BinaryConfusion(0, predicted - tp, actual - tp, tp);
                precision.Add(counts.Precision);
                recall.Add(counts.Recall);
                f1.Add(counts.F1);
            }
        }
        // Every row has exactly one true and one predicted class, so micro precision, recall and F1 all equal accuracy.
        var accuracy = correct / total;
        return new MultiClassEvaluation(classes, confusion, accuracy, precision.Average(), recall.Average(), f1.Average(), accuracy, accuracy, accuracy);
    }
}
