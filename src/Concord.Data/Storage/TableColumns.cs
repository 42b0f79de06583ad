namespace Concord.Data;

/// <summary>The arrays a stored table is loaded into, partition by partition, before they become a <see cref="PartyTable"/>.</summary>
internal sealed class TableColumns
{
    public TableColumns(TableSchema schema, int rowCount)
    {
        Ids = new string[rowCount];
        Labels = schema.LabelName is null ? null : new double[rowCount];
        Weights = schema.WeightName is null ? null : new double[rowCount];
        Features = schema.Features.Select(_ => new double[rowCount]).ToArray();
    }

    public string[] Ids { get; }

    public double[]? Labels { get; }

    public double[]? Weights { get; }

    public double[][] Features { get; }

    public PartyTable ToTable(TableSchema schema) => new(schema, Ids, Features, Labels, Weights);
}
