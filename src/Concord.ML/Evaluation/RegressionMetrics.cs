namespace Concord.ML.Evaluation;

/// <summary>RMSE, MAE, R² and explained variance of predicted values against true ones.</summary>
public static class RegressionMetrics
{
    public static RegressionEvaluation Evaluate(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, double[]? weights = null)
    {
        var w = EvaluationInput.Check(predictions, labels, weights, "the prediction");
        var residuals = new double[labels.Length];
        double sumW = 0, squared = 0, absolute = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            residuals[i] = labels[i] - predictions[i];
            sumW += w[i];
            squared += w[i] * residuals[i] * residuals[i];
            absolute += w[i] * Math.Abs(residuals[i]);
        }
        var labelVariance = Variance(labels, w, sumW);
        if (labelVariance <= 0)
        {
            throw new ArgumentException($"every label is {labels[0]}: R² and explained variance compare against the labels' variance, which is 0");
        }
        var mse = squared / sumW;
        return new RegressionEvaluation(Math.Sqrt(mse), absolute / sumW, 1 - (mse / labelVariance), 1 - (Variance(residuals, w, sumW) / labelVariance));
    }

    /// <summary>The weighted population variance, by two passes so that a large mean does not cancel it away.</summary>
    private static double Variance(ReadOnlySpan<double> values, double[] weights, double sumW)
    {
        var mean = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            mean += weights[i] * values[i];
        }
        mean /= sumW;
        var variance = 0.0;
        for (var i = 0; i < values.Length; i++)
        {
            variance += weights[i] * (values[i] - mean) * (values[i] - mean);
        }
        return variance / sumW;
    }
}
