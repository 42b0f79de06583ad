using Concord.Data;
using Concord.ML.Preprocessing.Imputation;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>feature_imputation against hand-computed fill values (exact), per-column methods, replay and bad input.</summary>
public sealed class ImputationTests
{
    private static readonly PartyTable Table = PartyTable.Create("id", ["a", "b", "c", "d", "e"], ["x", "z"],
        [[1, double.NaN, 4, 4, 6], [double.NaN, 2, double.NaN, 8, 9]]);

    [Theory]
    [InlineData(ImputeMethod.Mean, 3.75)]
    [InlineData(ImputeMethod.Median, 4.0)]
    [InlineData(ImputeMethod.Mode, 4.0)]
    [InlineData(ImputeMethod.Constant, -1.0)]
    public void Each_method_fills_with_its_statistic_of_the_present_values(ImputeMethod method, double expected)
    {
        var model = Imputer.Fit(Table, new ImputationOptions { Method = method, DefaultValue = -1, Columns = ["x"] });
        var (filled, counts) = Imputer.Transform(Table, model);
        Assert.Equal(expected, filled[1, 0], 1e-12);
        Assert.Equal(1, counts["x"]);
        Assert.True(double.IsNaN(filled[0, 1]));
    }

    [Fact]
    public void A_method_per_column_overrides_the_default_and_replays_on_new_rows()
    {
        var model = Imputer.Fit(Table, new ImputationOptions { ColumnMethods = ["z:median", "x:designated"], DefaultValue = 7 });
        Assert.Equal(new Dictionary<string, double> { ["x"] = 7, ["z"] = 8 }, model.FillValues);
        var fresh = PartyTable.Create("id", ["q"], ["x", "z"], [[double.NaN], [double.NaN]]);
        var (filled, _) = Imputer.Transform(fresh, ImputationModel.FromBytes(model.ToBytes(), "model"));
        Assert.Equal([7.0, 8.0], new[] { filled[0, 0], filled[0, 1] });
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("imputation_col: column \"w\" is not in the table",
            Assert.Throws<ArgumentException>(() => Imputer.Fit(Table, new ImputationOptions { Columns = ["w"] })).Message);
        Assert.Equal("col_missing_fill_method: \"z:average\" is not column:method with method one of mean, median, mode, designated",
            Assert.Throws<ArgumentException>(() => Imputer.Fit(Table, new ImputationOptions { ColumnMethods = ["z:average"] })).Message);
        var empty = PartyTable.Create("id", ["a"], ["e"], [[double.NaN]]);
        Assert.Equal("column \"e\" has no value at all, so its median cannot fill it; use designated",
            Assert.Throws<ArgumentException>(() => Imputer.Fit(empty, new ImputationOptions { Method = ImputeMethod.Median })).Message);
        Assert.Equal("column \"x\" was imputed when feature_imputation was fitted, and the table has no such column",
            Assert.Throws<ArgumentException>(() => Imputer.Transform(empty, Imputer.Fit(Table, new ImputationOptions { Method = ImputeMethod.Mean }))).Message);
    }
}
