namespace Concord.Data.Tests;

/// <summary>A table written as CSV: escaping that keeps columns and rows apart, the header from the schema, ids first.</summary>
public class CsvTableWriterTests
{
    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("cr\rhere", "\"cr\rhere\"")]
    [InlineData(" padded", "\" padded\"")]
    [InlineData("", "")]
    public void A_field_is_quoted_exactly_when_it_holds_a_separator_a_quote_a_line_break_or_edge_spaces(string value, string expected) =>
        Assert.Equal(expected, CsvTableWriter.Field(value));

    [Fact]
    public async Task Header_comes_from_the_schema_with_the_id_then_label_weight_and_features_and_missing_values_are_empty()
    {
        var schema = new TableSchema("cust,id", [new Feature("x0", FeatureKind.Real), new Feature("x \"1\"", FeatureKind.Integer)], "y", "w");
        var table = new PartyTable(schema, ["a", "b,2", "c\"3"], [[0.1, double.NaN, -2.5e-7], [1, 2, 3]], labels: [1, 0, double.NaN], weights: [0.5, 1, 2]);

        var csv = await Write(table);

        Assert.Equal(
            "\"cust,id\",y,w,x0,\"x \"\"1\"\"\"\n" +
            "a,1,0.5,0.1,1\n" +
            "\"b,2\",0,1,,2\n" +
            "\"c\"\"3\",,2,-2.5E-07,3\n", csv);
    }

    [Fact]
    public async Task A_table_without_label_or_weight_reads_back_the_same()
    {
        using var dir = new TempDir();
        var schema = new TableSchema("id", [new Feature("x0", FeatureKind.Real), new Feature("x1", FeatureKind.Real)]);
        var table = new PartyTable(schema, ["1", "2,b", "3"], [[0.1 + 0.2, 1e300, double.NaN], [-0.0, 7, 1.0 / 3]]);

        var path = dir.File("t.csv", await Write(table));
        var read = CsvTableReader.Read(path, new CsvReadOptions { LabelColumn = null });

        Assert.Equal(table.Ids, read.Ids);
        Assert.Null(read.Labels);
        Assert.Equal(table.Column(0).ToArray(), read.Column(0).ToArray());
        Assert.Equal(table.Column(1).ToArray(), read.Column(1).ToArray());
    }

    private static async Task<string> Write(PartyTable table)
    {
        using var writer = new StringWriter { NewLine = "\n" };
        await CsvTableWriter.WriteAsync(table, writer);
        return writer.ToString();
    }
}
