using System.Globalization;
using System.Text;

namespace Concord.Data.Tests;

public sealed class TagValueTableReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void FATE_style_rows_give_tags_as_features_in_natural_order_with_absent_tags_zero()
    {
        var path = _dir.File("tv.csv", "133,x10:1.5;x2:-2;x0:3\n273,x2:4;x1:NA\n");
        var table = TagValueTableReader.Read(path, new CsvReadOptions { LabelColumn = null });
        Assert.Equal(["x0", "x1", "x2", "x10"], table.Schema.FeatureNames);
        Assert.Equal(["133", "273"], table.Ids);
        Assert.Null(table.Labels);
        Assert.Equal([3.0, 0.0, -2.0, 1.5], TableAssert.Row(table, 0));
        Assert.Equal([0.0, double.NaN, 4.0, 0.0], TableAssert.Row(table, 1));
    }

    [Fact]
    public void Svmlight_like_rows_with_a_label_and_spaces()
    {
        var path = _dir.File("svm.txt", "r1 1 3:0.5 10:2\n\nr2 0  1:7\tdone:1\n");
        var table = TagValueTableReader.Read(path);
        Assert.Equal("y", table.Schema.LabelName);
        Assert.Equal([1.0, 0.0], table.Labels!);
        Assert.Equal(["1", "3", "10", "done"], table.Schema.FeatureNames);
        Assert.Equal([0.0, 0.5, 2.0, 0.0], TableAssert.Row(table, 0));
        Assert.Equal([7.0, 0.0, 0.0, 1.0], TableAssert.Row(table, 1));
    }

    [Fact]
    public void The_breast_guest_file_rewritten_as_tag_value_reads_as_the_same_table()
    {
        var dense = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var text = new StringBuilder();
        for (var i = 0; i < dense.RowCount; i++)
        {
            // Tags in reverse order, so the reader's column order cannot just be the order of appearance.
            var pairs = Enumerable.Range(0, dense.FeatureCount).Reverse()
                .Select(j => string.Create(CultureInfo.InvariantCulture, $"x{j}:{dense[i, j]:R}"));
            text.Append(CultureInfo.InvariantCulture, $"{dense.Ids[i]},{dense.Labels![i]},{string.Join(';', pairs)}\n");
        }
        var sparse = TagValueTableReader.Read(_dir.File("breast_tv.csv", text.ToString()));
        TableAssert.Same(dense, sparse);
    }

    [Fact]
    public void An_optional_label_is_detected_from_the_first_row()
    {
        var optional = new CsvReadOptions { LabelRequired = false };
        Assert.Equal([1.0], TagValueTableReader.Read(_dir.File("a.txt", "a,1,x:2\n"), optional).Labels!);
        Assert.Null(TagValueTableReader.Read(_dir.File("b.txt", "a,x:2\n"), optional).Labels);
    }

    [Fact]
    public void Rows_that_disagree_about_the_label_are_refused()
    {
        var optional = new CsvReadOptions { LabelRequired = false };
        var e = Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("a.txt", "a,1,x:2\nb,x:3\n"), optional));
        Assert.Equal((2L, "y", "expected the label before the tag:value pairs, found \"x:3\""), (e.Line, e.Column, e.Problem));
        e = Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("b.txt", "a,x:2\nb,1,x:3\n"), optional));
        Assert.Equal((2L, "expected tag:value, found \"1\""), (e.Line, e.Problem));
        e = Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("c.txt", "a,1\nb\n")));
        Assert.Equal((2L, "the label is missing"), (e.Line, e.Problem));
    }

    [Fact]
    public void A_weight_tag_becomes_the_weights_and_must_be_on_every_row()
    {
        var options = new CsvReadOptions { LabelColumn = null, WeightColumn = "w" };
        var table = TagValueTableReader.Read(_dir.File("w.txt", "a,x:1;w:0.5\nb,w:2;x:3\n"), options);
        Assert.Equal([0.5, 2.0], table.Weights!);
        Assert.Equal(["x"], table.Schema.FeatureNames);
        var e = Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("w2.txt", "a,x:1;w:0.5\nb,x:3\n"), options));
        Assert.Equal((2L, "w", "the weight is missing"), (e.Line, e.Column, e.Problem));
    }

    [Theory]
    [InlineData("a,x:1;x:2\n", "x", "the tag appears twice in the row")]
    [InlineData("a,x:1;y\n", null, "expected tag:value, found \"y\"")]
    [InlineData("a,x:1;:2\n", null, "\":2\" has no tag before ':'")]
    [InlineData("a,x:abc\n", "x", "\"abc\" is not a number")]
    [InlineData("a,x:1\na,x:2\n", "id", "duplicate id \u2039a\u203A (first seen on line 1)")]
    public void Bad_rows_are_refused_with_their_place(string content, string? column, string problem)
    {
        var e = Assert.Throws<DataFormatException>(() =>
            TagValueTableReader.Read(_dir.File("bad.txt", content), new CsvReadOptions { LabelColumn = null }));
        Assert.Equal((column, problem), (e.Column, e.Problem));
        Assert.NotNull(e.Line);
    }

    [Fact]
    public void An_empty_file_is_refused()
    {
        var e = Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("empty.txt", "\n \n")));
        Assert.Equal("the file is empty", e.Problem);
    }
}
