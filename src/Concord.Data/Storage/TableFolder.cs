namespace Concord.Data;

/// <summary>
/// The files of one stored table: one Parquet file per partition (a contiguous range of rows) holding all
/// its columns. Partitions let later work spread a table over cores or stream one larger than memory.
/// Tables stored before the Parquet layout have a folder per partition instead, and are read as they are.
/// </summary>
internal static class TableFolder
{
    /// <summary>Writes every partition; reports the number of rows written after each one.</summary>
    public static IReadOnlyList<PartitionInfo> Write(
        string folder, PartyTable table, int rowsPerPartition, IProgress<long>? progress, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rowsPerPartition, 1);
        Directory.CreateDirectory(folder);
        var partitions = new List<PartitionInfo>();
        for (var first = 0; first < table.RowCount; first += rowsPerPartition)
        {
            ct.ThrowIfCancellationRequested();
            var partition = new PartitionInfo(partitions.Count, first, Math.Min(rowsPerPartition, table.RowCount - first));
            ParquetPartition.Write(Path.Combine(folder, ParquetPartition.FileName(partition.Index)), table,
                new Range(first, first + partition.RowCount), ct);
            partitions.Add(partition);
            progress?.Report(first + partition.RowCount);
        }
        return partitions;
    }

    public static PartyTable Read(TableInfo info, CancellationToken ct)
    {
        var rowCount = info.RowCount;
        var columns = new TableColumns(info.Schema, rowCount);
        var covered = 0;
        foreach (var partition in info.Partitions)
        {
            ct.ThrowIfCancellationRequested();
            if (partition.FirstRow != covered || partition.FirstRow + partition.RowCount > rowCount)
            {
                throw new InvalidDataException($"table {info.Name} in {info.Folder} has a gap or overlap at partition {partition.Index}; the table is damaged");
            }
            var file = Path.Combine(info.Folder, ParquetPartition.FileName(partition.Index));
            var legacy = Path.Combine(info.Folder, LegacyPartition.FolderName(partition.Index));
            if (File.Exists(file))
            {
                ParquetPartition.Read(file, info, partition, columns, ct);
            }
            else if (Directory.Exists(legacy))
            {
                LegacyPartition.Read(legacy, partition, columns);
            }
            else
            {
                throw new InvalidDataException($"table {info.Name} in {info.Folder} has no file for partition {partition.Index} ({ParquetPartition.FileName(partition.Index)}); the table is damaged");
            }
            covered += partition.RowCount;
        }
        if (covered != rowCount)
        {
            throw new InvalidDataException($"table {info.Name} in {info.Folder} has partitions for {covered} of its {rowCount} rows; the table is damaged");
        }
        return columns.ToTable(info.Schema);
    }
}
