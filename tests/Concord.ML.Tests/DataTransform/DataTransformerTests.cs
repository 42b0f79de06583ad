using Concord.Data;
using Concord.ML.DataTransform;

namespace Concord.ML.Tests.DataTransform;

public class DataTransformerTests
{
    private static PartyTable Table() => PartyTable.Create(
        "id", ["a", "b", "c", "d"], ["x0", "x1", "x2"],
        [[1.0, double.NaN, 3.0, 8.0], [double.NaN, double.NaN, -2.0, 4.0], [0.5, 0.5, 0.5, 0.5]],
        "y", [0, 1, 1, 0]);

    [Theory]
    [InlineData(MissingFill.Mean, 4.0, 1.0)]
    [InlineData(MissingFill.Min, 1.0, -2.0)]
    [InlineData(MissingFill.Max, 8.0, 4.0)]
    public void Missing_values_are_filled_from_the_partys_own_column(MissingFill fill, double x0Fill, double x1Fill)
    {
        var (table, report, _) = DataTransformer.Apply(Table(), new DataTransformOptions { MissingFill = fill });

        Assert.Equal(new[] { 1.0, x0Fill, 3.0, 8.0 }, table.Column(0).ToArray());
        Assert.Equal(new[] { x1Fill, x1Fill, -2.0, 4.0 }, table.Column(1).ToArray());
        Assert.Equal(x0Fill, report.FillValues["x0"]);
        Assert.Equal(2, report.FilledCounts["x1"]);
        Assert.Equal(0, report.FilledCounts["x2"]);
        Assert.Equal([0, 1, 1, 0], table.Labels!);
    }

    [Fact]
    public void A_designated_value_fills_every_gap()
    {
        var (table, _, _) = DataTransformer.Apply(Table(), new DataTransformOptions { MissingFill = MissingFill.Value, FillValue = -1 });
        Assert.Equal(new[] { -1.0, -1.0, -2.0, 4.0 }, table.Column(1).ToArray());
    }

    [Fact]
    public void Without_fill_missing_values_stay_missing_and_the_input_is_untouched()
    {
        var input = Table();
        var (table, report, _) = DataTransformer.Apply(input, new DataTransformOptions { Exclude = ["x2"] });
        Assert.Equal(["x0", "x1"], table.Schema.FeatureNames);
        Assert.True(double.IsNaN(table[1, 0]));
        Assert.Empty(report.FillValues);
        _ = DataTransformer.Apply(input, new DataTransformOptions { MissingFill = MissingFill.Mean });
        Assert.True(double.IsNaN(input[1, 0]));
    }

    [Fact]
    public void Features_are_selected_in_the_order_asked()
    {
        var (table, _, _) = DataTransformer.Apply(Table(), new DataTransformOptions { Features = ["x2", "x0"] });
        Assert.Equal(["x2", "x0"], table.Schema.FeatureNames);
        Assert.Equal(FeatureKind.Real, table.Schema.Features[0].Kind);
    }

    [Fact]
    public void An_unknown_feature_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => DataTransformer.Apply(Table(), new DataTransformOptions { Features = ["x9"] }));
        Assert.Contains("feature \"x9\" is not in the table", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_column_with_no_value_cannot_be_mean_filled()
    {
        var table = PartyTable.Create("id", ["a", "b"], ["empty"], [[double.NaN, double.NaN]]);
        var ex = Assert.Throws<ArgumentException>(() => DataTransformer.Apply(table, new DataTransformOptions { MissingFill = MissingFill.Mean }));
        Assert.Contains("feature \"empty\" has no value at all", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_casting_rounds_features_and_checks_labels()
    {
        var (table, _, _) = DataTransformer.Apply(Table(), new DataTransformOptions { DataType = ML.DataTransform.ValueType.Integer, LabelType = ML.DataTransform.ValueType.Integer });
        Assert.Equal(new[] { 1.0, 1.0, 1.0, 1.0 }, table.Column(2).ToArray());
        Assert.Equal(FeatureKind.Binary, table.Schema.Features[2].Kind);

        var fractional = PartyTable.Create("id", ["a", "b"], ["x"], [[1.0, 2.0]], "y", [1.0, 0.5]);
        var ex = Assert.Throws<ArgumentException>(() => DataTransformer.Apply(fractional, new DataTransformOptions { LabelType = ML.DataTransform.ValueType.Integer }));
        Assert.Contains("row \u2039b\u203A is 0.5", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_label_that_the_table_lacks_is_reported()
    {
        var ex = Assert.Throws<ArgumentException>(() => DataTransformer.Apply(Table(), new DataTransformOptions { LabelName = "target" }));
        Assert.Contains("label column is \"y\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_fitted_transform_fills_new_rows_with_the_training_values_after_a_round_trip_through_its_bytes()
    {
        var (_, _, model) = DataTransformer.Apply(Table(), new DataTransformOptions { MissingFill = MissingFill.Mean, Features = ["x1", "x0"] });
        var stored = DataTransformModel.FromBytes(model.ToBytes(), "the model");
        // New rows: another column order, an extra column, no label, and gaps the new rows' own mean would fill otherwise.
        var rows = PartyTable.Create("id", ["e", "f"], ["x0", "extra", "x1"], [[double.NaN, 100.0], [7.0, 7.0], [10.0, double.NaN]]);

        var (table, report) = DataTransformer.Transform(rows, stored);

        Assert.Equal(["x1", "x0"], table.Schema.FeatureNames);
        Assert.Equal(new[] { 10.0, 1.0 }, table.Column(0).ToArray());
        Assert.Equal(new[] { 4.0, 100.0 }, table.Column(1).ToArray());
        Assert.Null(table.Labels);
        Assert.Equal(1, report.FilledCounts["x0"]);
    }

    [Fact]
    public void A_fitted_transform_refuses_new_rows_without_one_of_its_features()
    {
        var (_, _, model) = DataTransformer.Apply(Table(), new DataTransformOptions());
        var rows = PartyTable.Create("id", ["e"], ["x0", "x2"], [[1.0], [2.0]]);

        var ex = Assert.Throws<ArgumentException>(() => DataTransformer.Transform(rows, model));

        Assert.Contains("feature \"x1\" was kept when the transform was fitted, and the table has no such column", ex.Message, StringComparison.Ordinal);
    }
}
