using Concord.Data;
using Concord.ML.Preprocessing.Union;

namespace Concord.ML.Tests.Preprocessing;

/// <summary>union: rows appended in input order, repeated ids dropped or renamed, different schemas refused by column.</summary>
public sealed class UnionTests
{
    private static PartyTable Table(string[] ids, double offset, string second = "x1") =>
        PartyTable.Create("id", ids, ["x0", second], [[.. ids.Select((_, i) => offset + i)], [.. ids.Select(_ => offset)]], "y", [.. ids.Select(_ => offset)]);

    [Fact]
    public void Rows_are_appended_and_a_repeated_id_keeps_its_first_row()
    {
        var union = TableUnion.Of([("data_0", Table(["a", "b"], 0)), ("data_1", Table(["b", "c"], 10))], keepDuplicate: false);
        Assert.Equal(["a", "b", "c"], union.Ids);
        Assert.Equal([0.0, 1, 11], union.Column(0).ToArray());
        Assert.Equal([0.0, 0, 10], union.Labels!);
    }

    [Fact]
    public void Keep_duplicate_renames_the_later_rows()
    {
        var union = TableUnion.Of([("data_0", Table(["a", "b"], 0)), ("data_1", Table(["b", "c"], 10)), ("data_2", Table(["b"], 20))], keepDuplicate: true);
        Assert.Equal(["a", "b", "b_1", "c", "b_2"], union.Ids);
        Assert.Equal([0.0, 1, 10, 11, 20], union.Column(0).ToArray());
    }

    [Fact]
    public void A_different_schema_is_refused_naming_the_input_and_column()
    {
        var ex = Assert.Throws<ArgumentException>(() => TableUnion.Of([("data_0", Table(["a"], 0)), ("data_1", Table(["c"], 1, second: "x9"))], false));
        Assert.Equal("input data_1 does not have the schema of data_0: column 2 is \"x9\", not \"x1\"", ex.Message);
        var unlabeled = PartyTable.Create("id", ["c"], ["x0", "x1"], [[1], [1]]);
        Assert.Equal("input data_1 does not have the schema of data_0: its label column is none, not \"y\"",
            Assert.Throws<ArgumentException>(() => TableUnion.Of([("data_0", Table(["a"], 0)), ("data_1", unlabeled)], false)).Message);
    }
}
