using Concord.ML.FeatureBinning;

namespace Concord.ML.LocalBaseline;

/// <summary>
/// Feature binning of the joined table in one place, in plaintext: what hetero_feature_binning must reproduce. Every
/// column is cut by the same definitions (<see cref="CutPoints"/>, <see cref="ChiMerge"/>) and its events counted
/// directly from the labels, row by row; WOE and IV by FATE's convention (<see cref="WoeIv"/>).
/// </summary>
public static class LocalFeatureBinning
{
    /// <summary>Per column (in the order given), its cut points and table.</summary>
    public static IReadOnlyList<BinTable> Run(NumericColumns joined, double[] labels, FeatureBinningOptions options)
    {
        var binLabels = BinLabels.Of(labels, options.MultiClass, "the joined table");
        var tables = new List<BinTable>();
        for (var c = 0; c < joined.ColumnCount; c++)
        {
            var column = joined[c];
            var sorted = CutPoints.SortedValues(column);
            var cuts = options.Method switch
            {
                BinningMethod.Quantile => CutPoints.Quantile(sorted, options.BinNum),
                BinningMethod.Bucket => CutPoints.Bucket(sorted[0], sorted[^1], options.BinNum),
                _ => LocalBins.Fit(new NumericColumns([joined.Names[c]], [column.ToArray()]), options with { Columns = null }, "the joined table", binLabels).Cuts[0],
            };
            var bins = new ColumnBins(joined.Names[c], null, cuts, null);
            var counts = new long[cuts.Length + 2];
            var events = binLabels.Classes.Select(_ => new long[cuts.Length + 2]).ToArray();
            for (var r = 0; r < column.Length; r++)
            {
                var b = bins.BinOf(column[r]);
                counts[b]++;
                for (var k = 0; k < events.Length; k++)
                {
                    events[k][b] += binLabels.Indicators[k][r];
                }
            }
            tables.Add(BinTable.Of(joined.Names[c], "joined", null, cuts, counts, events, binLabels));
        }
        return tables;
    }
}
