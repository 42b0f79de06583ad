namespace Concord.ML.Horizontal;

/// <summary>
/// What a client contributes to a round's sum: [w·Δ₁ … w·Δ_P, w, w·loss], its change of the parameters, its weight
/// and its weighted loss in one vector. Summing these over clients gives everything FedAvg needs (Σ w·Δ / Σ w) while
/// the weights themselves stay inside the sum, so secure aggregation hides them too.
/// </summary>
public static class WeightedUpdate
{
    /// <summary>The length of the vector for a model of <paramref name="parameters"/> parameters.</summary>
    public static int Length(int parameters) => parameters + 2;

    public static double[] Build(ReadOnlySpan<double> delta, double weight, double loss)
    {
        var vector = new double[Length(delta.Length)];
        for (var j = 0; j < delta.Length; j++)
        {
            vector[j] = weight * delta[j];
        }
        vector[^2] = weight;
        vector[^1] = weight * loss;
        return vector;
    }

    /// <summary>The weighted mean change Σ w·Δ / Σ w of a sum of vectors.</summary>
    public static double[] MeanChange(int parameters, ReadOnlySpan<double> sum)
    {
        var weight = TotalWeight(parameters, sum);
        var change = new double[parameters];
        for (var j = 0; j < parameters; j++)
        {
            change[j] = sum[j] / weight;
        }
        return change;
    }

    /// <summary>The weighted mean loss Σ w·loss / Σ w of a sum of vectors.</summary>
    public static double MeanLoss(int parameters, ReadOnlySpan<double> sum) => sum[^1] / TotalWeight(parameters, sum);

    /// <summary>One client's change Δ, its vector divided by its own weight.</summary>
    public static double[] Change(int parameters, ReadOnlySpan<double> update) => MeanChange(parameters, update);

    private static double TotalWeight(int parameters, ReadOnlySpan<double> sum)
    {
        if (sum.Length != Length(parameters))
        {
            throw new ArgumentException($"a sum of {sum.Length} values does not fit a model of {parameters} parameters");
        }
        var weight = sum[^2];
        if (!(weight > 0))
        {
            throw new InvalidOperationException($"the round's total weight is {weight}: no client contributed a row");
        }
        return weight;
    }

    /// <summary>Scales <paramref name="delta"/> down to L2 norm at most <paramref name="clipNorm"/>; returns the norm before clipping.</summary>
    public static double Clip(Span<double> delta, double clipNorm)
    {
        var squares = 0.0;
        foreach (var d in delta)
        {
            squares += d * d;
        }
        var norm = Math.Sqrt(squares);
        if (norm > clipNorm)
        {
            var scale = clipNorm / norm;
            for (var j = 0; j < delta.Length; j++)
            {
                delta[j] *= scale;
            }
        }
        return norm;
    }
}
