namespace Concord.Bench.Synthetic;

/// <summary>
/// Reproducible credit-like data for benchmarks: every feature a standard normal, some rounded to a few levels like
/// counts or categories; the label drawn from a logistic model with linear, squared and interaction terms spread over
/// both parties' features, so the trees have signal to find on each side.
/// </summary>
public sealed record SyntheticData(string[] Ids, double[][] Guest, double[][] Host, double[] Labels)
{
    public static SyntheticData Generate(int rows, int guestFeatures, int hostFeatures, int seed)
    {
        var random = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        double[][] Columns(int count) => [.. Enumerable.Range(0, count).Select(j =>
        {
            var column = new double[rows];
            for (var i = 0; i < rows; i++)
            {
                column[i] = j % 4 == 3 ? Math.Round(Math.Clamp(Normal() + 2, 0, 5)) : Math.Round(Normal(), 4);
            }
            return column;
        })];
        var guest = Columns(guestFeatures);
        var host = Columns(hostFeatures);
        var all = guest.Concat(host).ToArray();
        var weights = all.Select((_, j) => (j % 2 == 0 ? 1.0 : -0.7) / (1 + (j / 3))).ToArray();
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var z = -1.2;
            for (var j = 0; j < all.Length; j++)
            {
                z += weights[j] * (j % 5 == 1 ? (all[j][i] * all[j][i]) - 1 : all[j][i]);
            }
            z += all.Length > guestFeatures ? 0.8 * all[0][i] * all[guestFeatures][i] : 0;
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z)) ? 1 : 0;
        }
        return new SyntheticData([.. Enumerable.Range(0, rows).Select(i => $"c{i:D7}")], guest, host, labels);
    }
}
