using System.Globalization;
using Concord.Data;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>
/// SMOTE (Chawla et al., 2002) on one party's own rows: a class sampled at a fraction above 1 keeps its rows and gains
/// new ones, each on the segment from a random row of the class to one of its k nearest neighbours (Euclidean, among
/// that class's rows at this party) at a uniform random point. Classes sampled below 1 are down-sampled at random.
/// </summary>
public static class Smote
{
    public static PartyTable Apply(PartyTable table, SampleOptions options, long seed)
    {
        var fractions = SamplePlan.LabelFractions(options) ?? throw new ArgumentException("smote needs label_frac: the fraction of each class to reach");
        var labels = table.Labels ?? throw new ArgumentException("smote needs the label, and this party's table has none");
        for (var j = 0; j < table.FeatureCount; j++)
        {
            if (table.Column(j).ToArray().Any(double.IsNaN))
            {
                throw new ArgumentException($"smote: column \"{table.Schema.Features[j].Name}\" has missing values; impute them first");
            }
        }
        var kept = SamplePlan.Of(table, options, seed, keepUpSampled: true);
        var random = SamplePlan.Seeded(seed + 1);
        var ids = kept.Select(i => table.Ids[i]).ToList();
        var rows = kept.Select(i => Row(table, i)).ToList();
        var outLabels = kept.Select(i => labels[i]).ToList();
        var outWeights = table.Weights is double[] w ? kept.Select(i => w[i]).ToList() : null;
        foreach (var (label, fraction) in fractions.Where(p => p.Value > 1).OrderBy(p => p.Key))
        {
            var members = Enumerable.Range(0, table.RowCount).Where(i => labels[i] == label).ToArray();
            if (members.Length < 2)
            {
                throw new ArgumentException($"smote: label {label.ToString(CultureInfo.InvariantCulture)} has {members.Length} row(s) here; interpolating needs at least 2");
            }
            var neighbours = new Dictionary<int, int[]>();
            for (var t = 0; t < SamplePlan.Count(fraction, members.Length) - members.Length; t++)
            {
                var from = members[random.Next(members.Length)];
                if (!neighbours.TryGetValue(from, out var near))
                {
                    near = neighbours[from] = Nearest(table, from, members, options.K);
                }
                var to = near[random.Next(near.Length)];
                var u = random.NextDouble();
                var (x, y) = (Row(table, from), Row(table, to));
                rows.Add([.. x.Select((v, j) => v + u * (y[j] - v))]);
                ids.Add($"{table.Ids[from]}_smote{t}");
                outLabels.Add(label);
                outWeights?.Add(table.Weights![from]);
            }
        }
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => rows.Select(r => r[j]).ToArray()).ToArray();
        return new PartyTable(table.Schema, [.. ids], columns, [.. outLabels], outWeights?.ToArray());
    }

    private static double[] Row(PartyTable table, int row)
    {
        var values = new double[table.FeatureCount];
        table.CopyRow(row, values);
        return values;
    }

    private static int[] Nearest(PartyTable table, int row, int[] members, int k)
    {
        var x = Row(table, row);
        return [.. members.Where(m => m != row)
            .Select(m => (m, d: Row(table, m).Select((v, j) => (v - x[j]) * (v - x[j])).Sum()))
            .OrderBy(p => p.d).ThenBy(p => p.m).Take(k).Select(p => p.m)];
    }
}
