namespace Concord.ML.SecureBoost;

/// <summary>Gradient and hessian sums of a set of rows.</summary>
public readonly record struct GradientSums(double G, double H)
{
    public static GradientSums operator -(GradientSums a, GradientSums b) => new(a.G - b.G, a.H - b.H);
}

/// <summary>
/// XGBoost's split gain and leaf weight: gain = G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ), a split is taken when the
/// gain exceeds 1e-6 and reaches γ and both children weigh at least min_child_weight; a leaf weighs −η·G/(H+λ).
/// </summary>
internal static class SplitGain
{
    /// <summary>XGBoost's kRtEps: a smaller gain is rounding noise, not a split.</summary>
    public const double MinimumGain = 1e-6;

    /// <summary>The gain of splitting <paramref name="total"/> into <paramref name="left"/> and the rest, or NaN when the split is not allowed.</summary>
    public static double Of(GradientSums total, GradientSums left, SecureBoostOptions options)
    {
        var right = total - left;
        if (left.H < options.MinChildWeight || right.H < options.MinChildWeight || left.H <= 0 || right.H <= 0)
        {
            return double.NaN;
        }
        var gain = Score(left, options.Lambda) + Score(right, options.Lambda) - Score(total, options.Lambda);
        return gain > MinimumGain && gain >= options.Gamma ? gain : double.NaN;
    }

    public static double LeafWeight(GradientSums sums, SecureBoostOptions options) =>
        sums.H + options.Lambda > 0 ? -options.LearningRate * sums.G / (sums.H + options.Lambda) : 0;

    private static double Score(GradientSums s, double lambda) => s.G * s.G / (s.H + lambda);
}
