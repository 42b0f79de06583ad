using System.Text.Json;
using Concord.Data;

namespace Concord.ML.Preprocessing.FeatureScale;

/// <summary>One scaled column: x ↦ (x − Center) / Scale + Offset, then clipped to [Low, High] when Clip.</summary>
public sealed record ColumnScale(string Name, double Center, double Scale, double Offset, bool Clip, double Low, double High)
{
    public double Apply(double x)
    {
        var y = (x - Center) / Scale + Offset;
        return Clip ? Math.Clamp(y, Low, High) : y;
    }
}

/// <summary>What feature_scale fitted at one party: each scaled column's map, applied unchanged to new rows.</summary>
public sealed record FeatureScaleModel(ScaleMethod Method, ColumnScale[] Columns)
{
    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this);

    public static FeatureScaleModel FromBytes(byte[] bytes, string what)
    {
        try
        {
            return JsonSerializer.Deserialize<FeatureScaleModel>(bytes) is { Columns: not null } model
                ? model
                : throw new ArgumentException($"{what} is not a feature_scale model");
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"{what} is not a feature_scale model: {ex.Message}", ex);
        }
    }
}

/// <summary>
/// Per-column scaling of a party's own features. Missing values stay missing and do not count in the statistics;
/// a constant column (or one with no value) gets scale 1, so it maps to feature_range's min (min_max) or 0 (standard).
/// </summary>
public static class FeatureScaler
{
    public static FeatureScaleModel Fit(PartyTable table, FeatureScaleOptions options)
    {
        if (options.Method == ScaleMethod.MinMax && !(options.RangeMin < options.RangeMax))
        {
            throw new ArgumentException($"feature_range: min {options.RangeMin} is not below max {options.RangeMax}");
        }
        var names = options.ScaleColumns ?? [.. table.Schema.FeatureNames];
        var columns = names.Select(name =>
        {
            var j = table.Schema.IndexOf(name);
            var stats = j >= 0 ? ColumnStats.Of(table.Column(j)) : throw new ArgumentException($"scale_col: column \"{name}\" is not in the table");
            return options.Method == ScaleMethod.Standard
                ? new ColumnScale(name, Finite(stats.Mean), Positive(stats.StdDev), 0, false, 0, 0)
                : new ColumnScale(name, Finite(stats.Min), Positive((stats.Max - stats.Min) / (options.RangeMax - options.RangeMin)), options.RangeMin,
                    options.StrictRange, options.RangeMin, options.RangeMax);
        });
        return new FeatureScaleModel(options.Method, [.. columns]);
    }

    /// <summary>Scales the model's columns of the table; other columns, ids, labels and weights pass through.</summary>
    public static PartyTable Transform(PartyTable table, FeatureScaleModel model)
    {
        var columns = Enumerable.Range(0, table.FeatureCount).Select(j => table.Column(j).ToArray()).ToArray();
        var features = table.Schema.Features.ToArray();
        foreach (var scale in model.Columns)
        {
            var j = table.Schema.IndexOf(scale.Name);
            if (j < 0)
            {
                throw new ArgumentException($"column \"{scale.Name}\" was scaled when feature_scale was fitted, and the table has no such column");
            }
            for (var i = 0; i < columns[j].Length; i++)
            {
                columns[j][i] = scale.Apply(columns[j][i]);
            }
            features[j] = new Feature(scale.Name, Feature.InferKind(columns[j]));
        }
        var schema = table.Schema.WithFeatures(features);
        return new PartyTable(schema, [.. table.Ids], columns, table.Labels, table.Weights);
    }

    private static double Finite(double value) => double.IsFinite(value) ? value : 0;

    private static double Positive(double value) => double.IsFinite(value) && value > 0 ? value : 1;
}
