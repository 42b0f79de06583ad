using Concord.Data;
using Concord.ML.Preprocessing.OneHot;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>one_hot_encoder: indicator columns in place of the encoded one, unseen categories as zeros, and bad input.</summary>
public sealed class OneHotTests
{
    private static readonly PartyTable Table = PartyTable.Create("id", ["a", "b", "c", "d"], ["grade", "amount"],
        [[2, 1, 2, double.NaN], [10, 20, 30, 40]], "y", [0, 1, 0, 1]);

    [Fact]
    public void Each_training_category_becomes_a_0_1_column_in_place()
    {
        var model = OneHotEncoder.Fit(Table, new OneHotOptions { Columns = ["grade"] });
        var encoded = OneHotEncoder.Transform(Table, model);
        Assert.Equal(["grade_1", "grade_2", "amount"], encoded.Schema.FeatureNames);
        Assert.Equal([0.0, 1, 0, 0], encoded.Column(0).ToArray());
        Assert.Equal([1.0, 0, 1, 0], encoded.Column(1).ToArray());
        Assert.Equal(Table.Column(1).ToArray(), encoded.Column(2).ToArray());
        Assert.Equal(Table.Labels, encoded.Labels);
    }

    [Fact]
    public void An_unseen_category_at_prediction_is_refused_or_with_ignore_all_zeros()
    {
        var fitted = OneHotEncoder.Fit(Table, new OneHotOptions { Columns = ["grade"] });
        var unseen = PartyTable.Create("id", ["p"], ["grade", "amount"], [[3], [5]]);
        Assert.Equal("column \"grade\" has the value 3, a category not seen in training (handle_unknown is error; ignore encodes it as all zeros)",
            Assert.Throws<ArgumentException>(() => OneHotEncoder.Transform(unseen, fitted)).Message);
        var model = OneHotModel.FromBytes(OneHotEncoder.Fit(Table, new OneHotOptions { Columns = ["grade"], HandleUnknown = UnknownCategory.Ignore }).ToBytes(), "model");
        var fresh = PartyTable.Create("id", ["p", "q"], ["grade", "amount"], [[3, 1], [5, 5]]);
        var encoded = OneHotEncoder.Transform(fresh, model);
        Assert.Equal(["grade_1", "grade_2", "amount"], encoded.Schema.FeatureNames);
        Assert.Equal([0.0, 0.0], new[] { encoded[0, 0], encoded[0, 1] });
        Assert.Equal([1.0, 0.0], new[] { encoded[1, 0], encoded[1, 1] });
    }

    [Fact]
    public void Bad_input_is_named()
    {
        Assert.Equal("encode_col: column \"class\" is not in the table",
            Assert.Throws<ArgumentException>(() => OneHotEncoder.Fit(Table, new OneHotOptions { Columns = ["class"] })).Message);
        Assert.Equal("column \"amount\" has more than max_categories 3 distinct values; it does not look categorical",
            Assert.Throws<ArgumentException>(() => OneHotEncoder.Fit(Table, new OneHotOptions { MaxCategories = 3 })).Message);
        var other = PartyTable.Create("id", ["a"], ["amount"], [[1]]);
        Assert.Equal("column \"grade\" was encoded when one_hot_encoder was fitted, and the table has no such column",
            Assert.Throws<ArgumentException>(() => OneHotEncoder.Transform(other, OneHotEncoder.Fit(Table, new OneHotOptions { Columns = ["grade"] }))).Message);
    }
}
