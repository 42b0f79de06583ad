namespace Concord.ML.Evaluation;

/// <summary>
/// The checks every metric needs before it may say anything: a non-empty input, one value per label, finite
/// numbers and usable weights. A metric over NaN or a mismatched column would be a silent wrong answer.
/// </summary>
internal static class EvaluationInput
{
    /// <summary>Checks the predictions, labels and optional weights; returns the weights, 1 per row when none were given.</summary>
    public static double[] Check(ReadOnlySpan<double> predictions, ReadOnlySpan<double> labels, double[]? weights, string predictionName)
    {
        if (labels.Length == 0)
        {
            throw new ArgumentException("there is nothing to evaluate: the input has no rows");
        }
        if (predictions.Length != labels.Length)
        {
            throw new ArgumentException($"{predictions.Length} values of {predictionName} for {labels.Length} labels");
        }
        RequireFinite(predictions, predictionName);
        RequireFinite(labels, "the label");
        return Weights(weights, labels.Length);
    }

    public static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name} of row {i} is {values[i]}: every row needs a finite value to be evaluated");
            }
        }
    }

    public static double[] Weights(double[]? weights, int rows)
    {
        if (weights is null)
        {
            var ones = new double[rows];
            Array.Fill(ones, 1.0);
            return ones;
        }
        if (weights.Length != rows)
        {
            throw new ArgumentException($"{weights.Length} sample weights for {rows} rows");
        }
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!double.IsFinite(weights[i]) || weights[i] < 0)
            {
                throw new ArgumentException($"the sample weight of row {i} is {weights[i]}: weights must be finite and not negative");
            }
            total += weights[i];
        }
        return total > 0 ? weights : throw new ArgumentException("every sample weight is 0: there is nothing to evaluate");
    }
}
