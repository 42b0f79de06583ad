using Concord.Data;
using Concord.ML.Preprocessing.FeatureScale;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>feature_scale against the textbook formulas (tolerance 1e-12), its replay on new rows, and bad input.</summary>
public sealed class FeatureScaleTests
{
    private const double Tolerance = 1e-12;

    [Fact]
    public void Standard_scaling_matches_the_population_formula()
    {
        var table = PreprocessingTables.Guest(50);
        var scaled = FeatureScaler.Transform(table, FeatureScaler.Fit(table, new FeatureScaleOptions()));
        for (var j = 0; j < 2; j++)
        {
            var x = table.Column(j).ToArray();
            var mean = x.Average();
            var sd = Math.Sqrt(x.Sum(v => (v - mean) * (v - mean)) / x.Length);
            Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal((x[i] - mean) / sd, scaled[i, j], Tolerance));
        }
        Assert.Equal(table.Labels, scaled.Labels);
        Assert.Equal(table.Ids, scaled.Ids);
    }

    [Fact]
    public void Min_max_maps_the_training_range_and_clips_new_rows_when_strict()
    {
        var table = PreprocessingTables.Guest(50);
        var options = new FeatureScaleOptions { Method = ScaleMethod.MinMax, ScaleColumns = ["x0"], RangeMin = -1, RangeMax = 1 };
        var model = FeatureScaler.Fit(table, options);
        var scaled = FeatureScaler.Transform(table, model);
        var x = table.Column(0).ToArray();
        var (min, max) = (x.Min(), x.Max());
        Assert.All(Enumerable.Range(0, x.Length), i => Assert.Equal((x[i] - min) / (max - min) * 2 - 1, scaled[i, 0], Tolerance));
        Assert.Equal(table.Column(1).ToArray(), scaled.Column(1).ToArray());

        // Replayed on new rows: the training min and max, not the new rows' own; beyond them clipped, missing kept missing.
        var fresh = PartyTable.Create("id", ["a", "b", "c", "d"], ["x0", "x1"], [[min, max + 100, (min + max) / 2, double.NaN], [0, 0, 0, 0]]);
        var replayed = FeatureScaler.Transform(fresh, FeatureScaleModel.FromBytes(model.ToBytes(), "model"));
        Assert.Equal(-1, replayed[0, 0], Tolerance);
        Assert.Equal(1, replayed[1, 0], Tolerance);
        Assert.Equal(0, replayed[2, 0], Tolerance);
        Assert.True(double.IsNaN(replayed[3, 0]));
        var loose = FeatureScaler.Transform(fresh, FeatureScaler.Fit(table, options with { StrictRange = false }));
        Assert.Equal(100 / (max - min) * 2 + 1, loose[1, 0], 1e-9);
    }

    [Fact]
    public void A_constant_column_maps_to_the_range_minimum()
    {
        var table = PartyTable.Create("id", ["a", "b"], ["c"], [[3, 3]]);
        var scaled = FeatureScaler.Transform(table, FeatureScaler.Fit(table, new FeatureScaleOptions { Method = ScaleMethod.MinMax }));
        Assert.Equal([0.0, 0.0], scaled.Column(0).ToArray());
    }

    [Fact]
    public void Bad_input_is_named()
    {
        var table = PreprocessingTables.Guest(5);
        Assert.Equal("scale_col: column \"x9\" is not in the table",
            Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(table, new FeatureScaleOptions { ScaleColumns = ["x9"] })).Message);
        Assert.Equal("feature_range: min 1 is not below max 1",
            Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(table, new FeatureScaleOptions { Method = ScaleMethod.MinMax, RangeMin = 1 })).Message);
        var model = FeatureScaler.Fit(table, new FeatureScaleOptions());
        var other = PartyTable.Create("id", ["a"], ["x0"], [[1]]);
        Assert.Equal("column \"x1\" was scaled when feature_scale was fitted, and the table has no such column",
            Assert.Throws<ArgumentException>(() => FeatureScaler.Transform(other, model)).Message);
        Assert.StartsWith("model is not a feature_scale model", Assert.Throws<ArgumentException>(() => FeatureScaleModel.FromBytes("{}"u8.ToArray(), "model")).Message, StringComparison.Ordinal);
    }
}
