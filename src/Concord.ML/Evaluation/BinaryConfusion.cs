namespace Concord.ML.Evaluation;

/// <summary>
/// The binary confusion matrix at one threshold, in (weighted) counts, and the rates read from it. A rate whose
/// denominator is 0 (e.g. precision when nothing is called positive) is 0, as in sklearn's zero_division=0.
/// </summary>
public sealed record BinaryConfusion(double TrueNegatives, double FalsePositives, double FalseNegatives, double TruePositives)
{
    public double Total => TrueNegatives + FalsePositives + FalseNegatives + TruePositives;

    public double Precision => Ratio(TruePositives, TruePositives + FalsePositives);

    public double Recall => Ratio(TruePositives, TruePositives + FalseNegatives);

    public double TrueNegativeRate => Ratio(TrueNegatives, TrueNegatives + FalsePositives);

    public double Accuracy => Ratio(TruePositives + TrueNegatives, Total);

    public double F1 => Ratio(2 * TruePositives, (2 * TruePositives) + FalsePositives + FalseNegatives);

    internal static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;
}
