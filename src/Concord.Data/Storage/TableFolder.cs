namespace Concord.Data;

/// <summary>
/// The files of one stored table: a folder per partition (a contiguous range of rows), and in it one file
/// per column. Separate files per column let a component read only the columns it uses; separate partitions
/// let later work spread a table over cores or stream one larger than memory.
/// </summary>
internal static class TableFolder
{
    public const string IdsFile = "ids.bin";
    public const string LabelFile = "label.f64";
    public const string WeightFile = "weight.f64";

    public static string FeatureFile(int feature) => $"f{feature:D5}.f64";

    public static string PartitionFolder(int partition) => $"part-{partition:D5}";

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
            var dir = Directory.CreateDirectory(Path.Combine(folder, PartitionFolder(partition.Index))).FullName;
            var rows = new Range(first, first + partition.RowCount);
            ColumnFile.WriteIds(Path.Combine(dir, IdsFile), table.Ids, first, partition.RowCount);
            if (table.Labels is { } labels)
            {
                ColumnFile.WriteDoubles(Path.Combine(dir, LabelFile), labels.AsSpan(rows));
            }
            if (table.Weights is { } weights)
            {
                ColumnFile.WriteDoubles(Path.Combine(dir, WeightFile), weights.AsSpan(rows));
            }
            for (var j = 0; j < table.FeatureCount; j++)
            {
                ColumnFile.WriteDoubles(Path.Combine(dir, FeatureFile(j)), table.Column(j)[rows]);
            }
            partitions.Add(partition);
            progress?.Report(first + partition.RowCount);
        }
        return partitions;
    }

    public static PartyTable Read(TableInfo info, CancellationToken ct)
    {
        var rowCount = info.RowCount;
        var ids = new string[rowCount];
        var labels = info.Schema.LabelName is null ? null : new double[rowCount];
        var weights = info.Schema.WeightName is null ? null : new double[rowCount];
        var columns = info.Schema.Features.Select(_ => new double[rowCount]).ToArray();
        var covered = 0;
        foreach (var partition in info.Partitions)
        {
            ct.ThrowIfCancellationRequested();
            if (partition.FirstRow != covered || partition.FirstRow + partition.RowCount > rowCount)
            {
                throw new InvalidDataException($"table {info.Name} in {info.Folder} has a gap or overlap at partition {partition.Index}; the table is damaged");
            }
            var dir = Path.Combine(info.Folder, PartitionFolder(partition.Index));
            var rows = new Range(partition.FirstRow, partition.FirstRow + partition.RowCount);
            ColumnFile.ReadIds(Path.Combine(dir, IdsFile), ids.AsSpan(rows));
            if (labels is not null)
            {
                ColumnFile.ReadDoubles(Path.Combine(dir, LabelFile), labels.AsSpan(rows));
            }
            if (weights is not null)
            {
                ColumnFile.ReadDoubles(Path.Combine(dir, WeightFile), weights.AsSpan(rows));
            }
            for (var j = 0; j < columns.Length; j++)
            {
                ColumnFile.ReadDoubles(Path.Combine(dir, FeatureFile(j)), columns[j].AsSpan(rows));
            }
            covered += partition.RowCount;
        }
        if (covered != rowCount)
        {
            throw new InvalidDataException($"table {info.Name} in {info.Folder} has partitions for {covered} of its {rowCount} rows; the table is damaged");
        }
        return new PartyTable(info.Schema, ids, columns, labels, weights);
    }
}
