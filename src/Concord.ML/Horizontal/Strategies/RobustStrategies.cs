namespace Concord.ML.Horizontal.Strategies;

/// <summary>
/// Strategies that read each client's change rather than the weighted mean, so that a few clients cannot drag the
/// model where they like; applied as FedAvg applies the mean. The arbiter sees each update only under plain
/// aggregation: <see cref="HomoSettings.Validate"/> refuses them under secure aggregation and Paillier.
/// </summary>
public abstract class RobustStrategy(HomoSettings settings) : HomoStrategy(settings)
{
    protected sealed override double[] MeanChange(int parameters, RoundUpdates updates)
    {
        var each = updates.Each ?? throw new InvalidOperationException($"strategy {Settings.Strategy.WireName} needs each client's update, and the aggregation gave only their sum");
        return Combine(parameters, [.. each.Select(u => WeightedUpdate.Change(parameters, u))], [.. each.Select(u => u[parameters])]);
    }

    /// <summary>One change from the clients' changes and their weights.</summary>
    protected abstract double[] Combine(int parameters, double[][] changes, double[] weights);
}

/// <summary>The coordinate-wise median of the clients' changes, as Flower's <c>FedMedian</c>.</summary>
public sealed class Median(HomoSettings settings) : RobustStrategy(settings)
{
    protected override double[] Combine(int parameters, double[][] changes, double[] weights) =>
        RobustAggregation.CoordinateWise(parameters, changes, RobustAggregation.Median);
}

/// <summary>The coordinate-wise mean without the largest and smallest fraction β of values, as Flower's <c>FedTrimmedAvg</c>.</summary>
public sealed class TrimmedMean(HomoSettings settings) : RobustStrategy(settings)
{
    protected override double[] Combine(int parameters, double[][] changes, double[] weights) =>
        RobustAggregation.CoordinateWise(parameters, changes, sorted => RobustAggregation.TrimmedMean(sorted, Settings.Strategy.TrimFraction));
}

/// <summary>(Multi-)Krum, as Flower's: the change, or the weighted mean of the changes, with the lowest Krum scores.</summary>
public sealed class Krum(HomoSettings settings) : RobustStrategy(settings)
{
    protected override double[] Combine(int parameters, double[][] changes, double[] weights)
    {
        var kept = RobustAggregation.KrumChoice(changes, Settings.Strategy.MaliciousClients, Math.Max(1, Settings.Strategy.ClientsToKeep));
        var total = kept.Sum(i => weights[i]);
        var change = new double[parameters];
        foreach (var i in kept)
        {
            for (var j = 0; j < parameters; j++)
            {
                change[j] += weights[i] / total * changes[i][j];
            }
        }
        return change;
    }
}
