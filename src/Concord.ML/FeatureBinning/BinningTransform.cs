using Concord.Data;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// Fitting the model from a binning run, and replaying it: a transformed column's value becomes its bin's WOE or its
/// bin index under the training cut points, so a predict pipeline transforms new rows exactly as the training rows.
/// </summary>
public static class BinningTransform
{
    /// <summary>The party's model: its own columns' cuts and WOEs, the transform, and the IV summary.</summary>
    public static BinningModel Fit(BinningResult result, FeatureBinningOptions options, string who)
    {
        var columns = result.OwnTables.Select(t => new ColumnBins(t.Column, t.AnonymousId, t.Cuts!, t.Woe)).ToList();
        var transformed = options.TransformColumns ?? result.Own.Names;
        foreach (var name in transformed.Where(n => !result.Own.Names.Contains(n)))
        {
            throw new ArgumentException($"{who}: transform column \"{name}\" is not among the binned columns");
        }
        if (options.TransformMethod == TransformMethod.Woe && columns.Any(c => c.Woe is null))
        {
            throw new ArgumentException($"{who}: transform_method woe needs a binary label (WOE is one-vs-rest per class for multi_class); use bin_idx or none");
        }
        return new BinningModel(columns, options.TransformMethod, [.. transformed], result.Summary);
    }

    /// <summary>The table with every transformed column replaced by its bins' WOE or index; other columns as they are.</summary>
    public static PartyTable Apply(PartyTable table, BinningModel model, string who)
    {
        if (model.Transform == TransformMethod.None)
        {
            return table;
        }
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray()).ToArray();
        var features = table.Schema.Features.ToArray();
        foreach (var name in model.TransformColumns)
        {
            var bins = model.Columns.First(c => c.Column == name);
            var j = table.Schema.Features.Select(f => f.Name).ToList().IndexOf(name);
            if (j < 0)
            {
                throw new ArgumentException($"{who}: the table has no column \"{name}\", which the binning model transforms");
            }
            var values = columns[j];
            for (var r = 0; r < values.Length; r++)
            {
                var b = bins.BinOf(values[r]);
                values[r] = model.Transform == TransformMethod.Woe ? bins.Woe![b] : b;
            }
            features[j] = new Feature(name, model.Transform == TransformMethod.Woe ? FeatureKind.Real : FeatureKind.Integer);
        }
        var schema = table.Schema.WithFeatures(features);
        return new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights);
    }
}
