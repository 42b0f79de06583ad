namespace Concord.ML.Tests.HeteroLinear;

/// <summary>The few quality metrics these tests compare (the evaluation component has its own).</summary>
internal static class Metrics
{
    /// <summary>AUC as the probability that a random positive outscores a random negative (ties count half).</summary>
    public static double Auc(IReadOnlyList<double> scores, IReadOnlyList<double> labels)
    {
        var order = Enumerable.Range(0, scores.Count).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Count];
        for (var start = 0; start < order.Length;)
        {
            var end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }
            for (var k = start; k <= end; k++)
            {
                ranks[order[k]] = ((start + end) / 2.0) + 1;
            }
            start = end + 1;
        }
        var positives = labels.Count(y => y == 1);
        var negatives = labels.Count - positives;
        var rankSum = Enumerable.Range(0, labels.Count).Where(i => labels[i] == 1).Sum(i => ranks[i]);
        return (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    public static double Rmse(IReadOnlyList<double> predicted, IReadOnlyList<double> actual) =>
        Math.Sqrt(predicted.Zip(actual, (p, y) => (p - y) * (p - y)).Average());

    public static double R2(IReadOnlyList<double> predicted, IReadOnlyList<double> actual)
    {
        var mean = actual.Average();
        var residual = predicted.Zip(actual, (p, y) => (p - y) * (p - y)).Sum();
        var total = actual.Sum(y => (y - mean) * (y - mean));
        return 1 - (residual / total);
    }
}
