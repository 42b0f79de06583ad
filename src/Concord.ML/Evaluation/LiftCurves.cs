namespace Concord.ML.Evaluation;

/// <summary>
/// Lift and gain at each decile of the population ranked by score. A cut never splits tied scores, so the
/// population actually selected at "the top 30%" is reported as X (at least 30%), not assumed.
/// </summary>
internal static class LiftCurves
{
    public static Curve Gain(ThresholdSweep sweep) => At(sweep, (_, captured) => captured);

    public static Curve Lift(ThresholdSweep sweep) => At(sweep, (fraction, captured) => captured / fraction);

    private static Curve At(ThresholdSweep sweep, Func<double, double, double> value)
    {
        var total = sweep.Positives + sweep.Negatives;
        var x = new double[BinaryMetrics.LiftPoints];
        var y = new double[BinaryMetrics.LiftPoints];
        var thresholds = new double[BinaryMetrics.LiftPoints];
        var k = 0;
        for (var d = 1; d <= BinaryMetrics.LiftPoints; d++)
        {
            // The relative slack absorbs rounding in the running sums, so a decile that lands exactly on a step stops there.
            var target = total * d / BinaryMetrics.LiftPoints * (1 - 1e-12);
            while (Selected(sweep, k) < target)
            {
                k++;
            }
            var fraction = Selected(sweep, k) / total;
            x[d - 1] = fraction;
            y[d - 1] = value(fraction, sweep.TruePositives[k] / sweep.Positives);
            thresholds[d - 1] = sweep.Thresholds[k];
        }
        return new Curve(x, y, thresholds);
    }

    private static double Selected(ThresholdSweep sweep, int k) => sweep.TruePositives[k] + sweep.FalsePositives[k];
}
