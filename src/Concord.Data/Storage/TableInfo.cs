namespace Concord.Data;

/// <summary>What the store knows about a table without reading its values.</summary>
/// <param name="Folder">The absolute folder holding the table's partitions.</param>
public sealed record TableInfo(
    TableName Name, TableSchema Schema, int RowCount, int RowsPerPartition, IReadOnlyList<PartitionInfo> Partitions,
    DateTimeOffset UploadedAt, string? SourceFile, string Folder)
{
    public int FeatureCount => Schema.Features.Count;
}

/// <summary>One partition: a contiguous range of rows, stored in a folder of its own.</summary>
public sealed record PartitionInfo(int Index, int FirstRow, int RowCount);
