namespace Concord.Data.Tests;

internal static class TableAssert
{
    /// <summary>Same schema, ids, labels, weights and every value (NaN equal to NaN, bit for bit otherwise).</summary>
    public static void Same(PartyTable expected, PartyTable actual)
    {
        Assert.Equal(expected.Schema, actual.Schema);
        Assert.Equal(expected.Ids, actual.Ids);
        Assert.Equal(expected.Labels, actual.Labels);
        Assert.Equal(expected.Weights, actual.Weights);
        for (var j = 0; j < expected.FeatureCount; j++)
        {
            Assert.Equal(expected.Column(j).ToArray(), actual.Column(j).ToArray());
        }
    }

    public static double[] Row(PartyTable table, int row)
    {
        var values = new double[table.FeatureCount];
        table.CopyRow(row, values);
        return values;
    }
}
