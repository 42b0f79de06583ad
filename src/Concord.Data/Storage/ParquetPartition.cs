using Parquet;
using Parquet.Schema;

namespace Concord.Data;

/// <summary>
/// One partition of a stored table as one Parquet file: the ids, then the label and weight if the table has
/// them, then every feature, each a column of one row group. One file per partition rather than one per
/// column keeps a 10,000-feature table to a few files, and Parquet is a format the parties' own tools read.
/// </summary>
/// <remarks>
/// Columns are matched by position, never by name: Parquet.Net resolves a name to the first column that has it,
/// so the names written are made unique (<see cref="ColumnNames"/>) and a file whose names differ is refused.
/// Parquet.Net only offers an async API; the store's callers are synchronous and run where no
/// synchronisation context waits on them (the CLI, the node's job tasks), so it is awaited in place.
/// </remarks>
internal static class ParquetPartition
{
    public static string FileName(int partition) => $"part-{partition:D5}.parquet";

    public static void Write(string path, PartyTable table, Range rows, CancellationToken ct)
    {
        var names = ColumnNames(table.Schema);
        var fields = names.Select((name, i) => i == 0 ? (DataField)new DataField<string>(name, false) : new DataField<double>(name, false)).ToArray();
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
        WriteAsync(file, fields, table, rows, ct).GetAwaiter().GetResult();
        // On the disk before the metadata names the table, so that a crash cannot leave a named table with lost values.
        file.Flush(flushToDisk: true);
    }

    public static void Read(string path, TableInfo info, PartitionInfo partition, TableColumns into, CancellationToken ct)
    {
        try
        {
            ReadAsync(path, info.Schema, partition, into, ct).GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is not (OperationCanceledException or InvalidDataException or FileNotFoundException))
        {
            // Parquet.Net's own exceptions on a damaged file vary by where the damage is; all mean the same here.
            throw new InvalidDataException($"{path} cannot be read as Parquet ({e.Message}); the table is damaged", e);
        }
    }

    /// <summary>The column names written: the table's own, made unique where two would clash (tag:value files may have a tag named like the id).</summary>
    public static string[] ColumnNames(TableSchema schema)
    {
        var wanted = new List<string> { schema.IdName };
        wanted.AddRange(new[] { schema.LabelName, schema.WeightName }.OfType<string>());
        wanted.AddRange(schema.Features.Select(f => f.Name));
        var used = new HashSet<string>(StringComparer.Ordinal);
        return wanted.Select((name, i) =>
        {
            var unique = name;
            for (var k = 1; unique.Length == 0 || !used.Add(unique); k++)
            {
                unique = $"{name}#{i}{(k > 1 ? $".{k}" : "")}";
            }
            return unique;
        }).ToArray();
    }

    private static async Task WriteAsync(Stream file, DataField[] fields, PartyTable table, Range rows, CancellationToken ct)
    {
        var (first, count) = rows.GetOffsetAndLength(table.RowCount);
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), file, cancellationToken: ct);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(fields[0], table.Ids.Skip(first).Take(count).ToArray(), null);
        var next = 1;
        foreach (var values in new[] { table.Labels, table.Weights }.OfType<double[]>())
        {
            await group.WriteAsync<double>(fields[next++], values.AsMemory(rows), null, null, ct);
        }
        for (var j = 0; j < table.FeatureCount; j++)
        {
            ct.ThrowIfCancellationRequested();
            await group.WriteAsync<double>(fields[next++], table.ColumnMemory(j)[rows], null, null, ct);
        }
        group.CompleteValidate();
    }

    private static async Task ReadAsync(string path, TableSchema schema, PartitionInfo partition, TableColumns into, CancellationToken ct)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, useAsync: false);
        await using var reader = await ParquetReader.CreateAsync(file, cancellationToken: ct);
        var fields = reader.Schema.DataFields;
        if (!fields.Select(f => f.Name).SequenceEqual(ColumnNames(schema), StringComparer.Ordinal))
        {
            throw new InvalidDataException($"{path} has columns {Shown(fields.Select(f => f.Name))} where the table has {Shown(ColumnNames(schema))}; the table is damaged");
        }
        if (reader.RowGroupCount != 1 || reader.RowGroups[0].RowCount != partition.RowCount)
        {
            throw new InvalidDataException($"{path} holds {reader.RowGroups.Sum(g => g.RowCount)} rows in {reader.RowGroupCount} group(s) where 1 group of {partition.RowCount} was expected; the table is damaged");
        }
        var rows = new Range(partition.FirstRow, partition.FirstRow + partition.RowCount);
        using var group = reader.OpenRowGroupReader(0);
        var ids = new string?[partition.RowCount];
        await group.ReadAsync(fields[0], ids, null, ct);
        for (var i = 0; i < ids.Length; i++)
        {
            into.Ids[partition.FirstRow + i] = ids[i] ?? throw new InvalidDataException($"{path} has no id for row {partition.FirstRow + i}; the table is damaged");
        }
        var next = 1;
        foreach (var values in new[] { into.Labels, into.Weights }.OfType<double[]>())
        {
            await group.ReadAsync<double>(fields[next++], values.AsMemory(rows), null, ct);
        }
        foreach (var column in into.Features)
        {
            await group.ReadAsync<double>(fields[next++], column.AsMemory(rows), null, ct);
        }
    }

    private static string Shown(IEnumerable<string> names)
    {
        var list = names.Take(6).ToList();
        return string.Join(", ", list.Take(5)) + (list.Count > 5 ? ", ..." : "");
    }
}
