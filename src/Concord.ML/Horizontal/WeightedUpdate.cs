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

    /// <summary>Adds the weighted mean change to <paramref name="global"/> in place and returns the weighted mean loss.</summary>
    public static double ApplyMean(Span<double> global, ReadOnlySpan<double> sum)
    {
        if (sum.Length != Length(global.Length))
        {
            throw new ArgumentException($"a sum of {sum.Length} values does not fit a model of {global.Length} parameters");
        }
        var weight = sum[^2];
        if (!(weight > 0))
        {
            throw new InvalidOperationException($"the round's total weight is {weight}: no client contributed a row");
        }
        for (var j = 0; j < global.Length; j++)
        {
            global[j] += sum[j] / weight;
        }
        return sum[^1] / weight;
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
