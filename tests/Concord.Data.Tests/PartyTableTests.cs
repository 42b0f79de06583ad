namespace Concord.Data.Tests;

public sealed class PartyTableTests
{
    private static readonly string[] Ids = ["a", "b", "c"];

    [Fact]
    public void Columns_rows_and_cells_agree()
    {
        var table = PartyTable.Create("id", Ids, ["p", "q"], [[1, 2, 3], [4, double.NaN, 6]], "y", [0, 1, 1]);
        Assert.Equal((3, 2), (table.RowCount, table.FeatureCount));
        Assert.Equal([4, double.NaN, 6], table.Column(1).ToArray());
        Assert.Equal([2, double.NaN], TableAssert.Row(table, 1));
        Assert.Equal(6, table[2, 1]);
        Assert.Equal(1, table.Schema.IndexOf("q"));
        Assert.Equal(-1, table.Schema.IndexOf("y"));
        Assert.Throws<ArgumentOutOfRangeException>(() => table.CopyRow(3, new double[2]));
    }

    [Fact]
    public void Inconsistent_parts_are_refused()
    {
        Assert.Contains("has 2 values for 3 ids", Refused(() => PartyTable.Create("id", Ids, ["p"], [[1, 2]])), StringComparison.Ordinal);
        Assert.Contains("the id \u2039a\u203A appears twice", Refused(() => PartyTable.Create("id", ["a", "b", "a"], [], [])), StringComparison.Ordinal);
        Assert.Contains("names a column \"y\" for labels but none were given",
            Refused(() => new PartyTable(new TableSchema("id", [], "y"), Ids, [])), StringComparison.Ordinal);
        Assert.Contains("weights were given but the schema names no column",
            Refused(() => new PartyTable(new TableSchema("id", []), Ids, [], weights: [1, 1, 1])), StringComparison.Ordinal);
        Assert.Contains("\"x\" is used twice", Refused(() => new TableSchema("id", [new("x", FeatureKind.Real)], "x")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new[] { 0.0, 1, double.NaN, 1 }, FeatureKind.Binary)]
    [InlineData(new[] { 0.0, 2, -3 }, FeatureKind.Integer)]
    [InlineData(new[] { 0.0, 1, 0.5 }, FeatureKind.Real)]
    [InlineData(new[] { double.NaN }, FeatureKind.Real)]
    public void Feature_kind_is_the_narrowest_that_fits(double[] values, FeatureKind kind)
    {
        Assert.Equal(kind, Feature.InferKind(values));
    }

    private static string Refused(Action build) => Assert.Throws<ArgumentException>(build).Message;
}
