namespace Concord.ML.Evaluation;

/// <summary>
/// Binary predictions sorted by score, highest first, with tied scores merged into one step: at step k every
/// row scoring at least <see cref="Thresholds"/>[k] is called positive. Merging ties is what makes AUC exact
/// when scores repeat (a tied positive/negative pair counts one half) and what makes every curve independent
/// of the order rows arrive in.
/// </summary>
internal sealed class ThresholdSweep
{
    private ThresholdSweep(double[] thresholds, double[] truePositives, double[] falsePositives)
    {
        Thresholds = thresholds;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
    }

    /// <summary>Distinct scores, descending.</summary>
    public double[] Thresholds { get; }

    /// <summary>Weight of positives scoring at least the threshold of the same index.</summary>
    public double[] TruePositives { get; }

    /// <summary>Weight of negatives scoring at least the threshold of the same index.</summary>
    public double[] FalsePositives { get; }

    public double Positives => TruePositives[^1];

    public double Negatives => FalsePositives[^1];

    public int Count => Thresholds.Length;

    public static ThresholdSweep Of(ReadOnlySpan<double> scores, ReadOnlySpan<bool> positive, ReadOnlySpan<double> weights)
    {
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }
        var keys = scores.ToArray();
        Array.Sort(keys, order);
        var thresholds = new List<double>();
        var tp = new List<double>();
        var fp = new List<double>();
        double sumTp = 0, sumFp = 0;
        for (var k = order.Length - 1; k >= 0; k--)
        {
            var row = order[k];
            if (positive[row])
            {
                sumTp += weights[row];
            }
            else
            {
                sumFp += weights[row];
            }
            if (k == 0 || keys[k - 1] != keys[k])
            {
                thresholds.Add(keys[k]);
                tp.Add(sumTp);
                fp.Add(sumFp);
            }
        }
        return new ThresholdSweep([.. thresholds], [.. tp], [.. fp]);
    }
}
