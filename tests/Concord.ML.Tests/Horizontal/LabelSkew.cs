using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>
/// Splits one table between two clients with a chosen label skew s ∈ [0, 1]: the first client gets (1 + s)/2 of the
/// positives and (1 − s)/2 of the negatives, the second the rest. s = 0 is an IID split; s = 1 gives each client one class.
/// </summary>
internal static class LabelSkew
{
    public static HorizontalData[] Split(HorizontalData data, double skew, int seed)
    {
        var random = new Random(seed);
        var positives = Enumerable.Range(0, data.RowCount).Where(i => data.Labels[i] == 1).OrderBy(_ => random.Next()).ToList();
        var negatives = Enumerable.Range(0, data.RowCount).Where(i => data.Labels[i] != 1).OrderBy(_ => random.Next()).ToList();
        var p = (int)Math.Round(positives.Count * (1 + skew) / 2);
        var n = (int)Math.Round(negatives.Count * (1 - skew) / 2);
        int[][] parts = [[.. positives.Take(p), .. negatives.Take(n)], [.. positives.Skip(p), .. negatives.Skip(n)]];
        return [.. parts.Select(rows => data with
        {
            Rows = [.. rows.Select(i => data.Rows[i])],
            Labels = [.. rows.Select(i => data.Labels[i])],
            Weights = data.Weights is null ? null : [.. rows.Select(i => data.Weights[i])],
        })];
    }

    /// <summary>The model's mean log-loss on the rows: the objective both the federation and the baseline minimise (without the penalty).</summary>
    public static double LogLoss(ILocalModel model, HorizontalData data)
    {
        var sum = 0.0;
        for (var i = 0; i < data.RowCount; i++)
        {
            var p = Math.Clamp(model.Predict(data.Rows[i])[0], 1e-12, 1 - 1e-12);
            sum -= data.Labels[i] == 1 ? Math.Log(p) : Math.Log(1 - p);
        }
        return sum / data.RowCount;
    }
}
