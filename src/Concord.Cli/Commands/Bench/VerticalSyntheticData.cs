using System.Globalization;
using Concord.Data;

namespace Concord.Cli.Commands.Bench;

/// <summary>
/// A vertically split synthetic table for benchmarks: standard-normal features, the guest's with a 0/1 label drawn
/// from a logistic model over every party's features, so that a fit has something to find. Rows are aligned by id.
/// </summary>
internal sealed record VerticalSyntheticData(PartyTable Guest, PartyTable Host)
{
    public static VerticalSyntheticData Generate(int rows, int guestFeatures, int hostFeatures, int seed = 7)
    {
        var random = new Random(seed);
        var ids = Enumerable.Range(0, rows).Select(i => string.Create(CultureInfo.InvariantCulture, $"u{i:D8}")).ToArray();
        var guest = Columns(random, guestFeatures, rows);
        var host = Columns(random, hostFeatures, rows);
        var truth = Enumerable.Range(0, guestFeatures + hostFeatures).Select(_ => random.NextDouble() - 0.5).ToArray();
        var labels = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            var z = 0.0;
            for (var j = 0; j < guestFeatures; j++)
            {
                z += truth[j] * guest[j][i];
            }
            for (var j = 0; j < hostFeatures; j++)
            {
                z += truth[guestFeatures + j] * host[j][i];
            }
            labels[i] = random.NextDouble() < 1 / (1 + Math.Exp(-z / Math.Sqrt(truth.Length / 12.0))) ? 1 : 0;
        }
        return new VerticalSyntheticData(
            PartyTable.Create("id", ids, Names("x", guestFeatures), guest, "y", labels),
            PartyTable.Create("id", (string[])ids.Clone(), Names("h", hostFeatures), host));
    }

    private static double[][] Columns(Random random, int count, int rows) =>
        [.. Enumerable.Range(0, count).Select(_ => Enumerable.Range(0, rows).Select(_ => Normal(random)).ToArray())];

    private static string[] Names(string prefix, int count) =>
        [.. Enumerable.Range(0, count).Select(j => string.Create(CultureInfo.InvariantCulture, $"{prefix}{j}"))];

    private static double Normal(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
