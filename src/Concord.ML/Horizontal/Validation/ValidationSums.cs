using Concord.ML.Validation;

namespace Concord.ML.Horizontal.Validation;

/// <summary>
/// How the clients' validations become one: each client sends [W, W·m₁ … W·m_k] (W its validation rows' total sample
/// weight, m its metrics in <see cref="ValidationOptions.Recorded"/> order) through the round's aggregation, so under
/// secure aggregation or Paillier the arbiter learns only the sums and Σ W·m / Σ W is the row-weighted mean of the
/// clients' values, as FATE's horizontal validation averages them. For the loss, accuracy, mse and mae that mean is
/// the value on the pooled validation rows; for auc, ks, rmse and r2 it is the mean of the clients' values, not the
/// pooled one, which would need their predictions.
/// </summary>
public static class ValidationSums
{
    /// <summary>What validation scores for a model of <paramref name="task"/>.</summary>
    public static ValidationTask TaskOf(HorizontalTask task) => task switch
    {
        HorizontalTask.Binary => ValidationTask.Binary,
        HorizontalTask.MultiClass => ValidationTask.Multi,
        _ => ValidationTask.Regression,
    };

    /// <summary>The vector a client contributes; all zeros for a client without validation rows, which so weighs nothing.</summary>
    public static double[] Build(IReadOnlyList<string> recorded, double weight, IReadOnlyDictionary<string, double>? metrics)
    {
        var vector = new double[1 + recorded.Count];
        if (metrics is not null)
        {
            vector[0] = weight;
            for (var j = 0; j < recorded.Count; j++)
            {
                vector[1 + j] = weight * metrics[recorded[j]];
            }
        }
        return vector;
    }

    /// <summary>The weighted mean metrics of a sum of vectors; null when no validation row is in it.</summary>
    public static IReadOnlyDictionary<string, double>? Mean(IReadOnlyList<string> recorded, ReadOnlySpan<double> sum)
    {
        if (sum.Length != 1 + recorded.Count)
        {
            throw new ArgumentException($"a validation sum of {sum.Length} values does not fit the {recorded.Count} recorded metrics");
        }
        var weight = sum[0];
        if (!(weight > 0))
        {
            return null;
        }
        var metrics = new Dictionary<string, double>();
        for (var j = 0; j < recorded.Count; j++)
        {
            metrics[recorded[j]] = sum[1 + j] / weight;
        }
        return metrics;
    }
}
