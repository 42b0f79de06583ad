namespace Concord.ML.Linear;

public static class WeightChange
{
    /// <summary>Σ (after − before)², a party's share of the squared L2 norm that weight_diff compares with tol.</summary>
    public static double Squared(IReadOnlyList<double> before, IReadOnlyList<double> after)
    {
        var sum = 0.0;
        for (var j = 0; j < before.Count; j++)
        {
            sum += (after[j] - before[j]) * (after[j] - before[j]);
        }
        return sum;
    }
}
