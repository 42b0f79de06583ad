using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace Concord.Data;

/// <summary>
/// The SQLite file that names a party's tables: one row per table (its schema, size, provenance and folder)
/// and one per partition. A table exists exactly when its row does, and the row is written only after the
/// table's files are complete, so a reader never sees a half-written table.
/// </summary>
internal sealed class MetadataDb
{
    private const int SchemaVersion = 2;

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    private readonly string _home;
    private readonly string _connectionString;

    public MetadataDb(string path, string home)
    {
        _home = home;
        // No pooling: the CLI and the node process share the file, and a pooled handle would outlive its use.
        _connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        using var connection = Open();
        Execute(connection, """
            CREATE TABLE IF NOT EXISTS tables (
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                folder TEXT NOT NULL,
                row_count INTEGER NOT NULL,
                rows_per_partition INTEGER NOT NULL,
                id_column TEXT NOT NULL,
                label_column TEXT,
                weight_column TEXT,
                features_json TEXT NOT NULL,
                source_file TEXT,
                label_classes_json TEXT,
                uploaded_at TEXT NOT NULL,
                PRIMARY KEY (namespace, name));
            CREATE TABLE IF NOT EXISTS partitions (
                namespace TEXT NOT NULL,
                name TEXT NOT NULL,
                idx INTEGER NOT NULL,
                first_row INTEGER NOT NULL,
                row_count INTEGER NOT NULL,
                PRIMARY KEY (namespace, name, idx));
            """);
        AddLabelClassesColumn(connection);
        Execute(connection, $"PRAGMA user_version = {SchemaVersion};");
    }

    /// <summary>A store written before text labels were kept (version 1) gets the column; its tables have none.</summary>
    private static void AddLabelClassesColumn(SqliteConnection connection)
    {
        using var columns = connection.CreateCommand();
        columns.CommandText = "SELECT COUNT(*) FROM pragma_table_info('tables') WHERE name = 'label_classes_json'";
        if (Convert.ToInt64(columns.ExecuteScalar(), CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "ALTER TABLE tables ADD COLUMN label_classes_json TEXT");
        }
    }

    public TableInfo? Find(TableName name)
    {
        using var connection = Open();
        return Query(connection, "WHERE namespace = $ns AND name = $name", name).SingleOrDefault();
    }

    public IReadOnlyList<TableInfo> All()
    {
        using var connection = Open();
        return Query(connection, "", null);
    }

    /// <summary>Records a table whose files are complete; returns the folder of a table it replaced, if any.</summary>
    public string? Insert(TableInfo info, bool overwrite)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var replaced = DeleteRows(connection, info.Name);
        if (replaced is not null && !overwrite)
        {
            // Another writer got there between the caller's check and now.
            throw new TableExistsException(info.Name, _home);
        }
        var command = Command(connection, """
            INSERT INTO tables (namespace, name, folder, row_count, rows_per_partition, id_column, label_column,
                                weight_column, features_json, source_file, uploaded_at, label_classes_json)
            VALUES ($ns, $name, $folder, $rows, $per, $id, $label, $weight, $features, $source, $at, $classes)
            """, info.Name);
        command.Parameters.AddWithValue("$folder", Path.GetRelativePath(_home, info.Folder));
        command.Parameters.AddWithValue("$rows", info.RowCount);
        command.Parameters.AddWithValue("$per", info.RowsPerPartition);
        command.Parameters.AddWithValue("$id", info.Schema.IdName);
        command.Parameters.AddWithValue("$label", (object?)info.Schema.LabelName ?? DBNull.Value);
        command.Parameters.AddWithValue("$weight", (object?)info.Schema.WeightName ?? DBNull.Value);
        command.Parameters.AddWithValue("$features", JsonSerializer.Serialize(info.Schema.Features, JsonOptions));
        command.Parameters.AddWithValue("$source", (object?)info.SourceFile ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", info.UploadedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$classes", info.Schema.LabelClasses is { } classes ? JsonSerializer.Serialize(classes, JsonOptions) : DBNull.Value);
        command.ExecuteNonQuery();
        foreach (var partition in info.Partitions)
        {
            var insert = Command(connection,
                "INSERT INTO partitions (namespace, name, idx, first_row, row_count) VALUES ($ns, $name, $idx, $first, $count)",
                info.Name);
            insert.Parameters.AddWithValue("$idx", partition.Index);
            insert.Parameters.AddWithValue("$first", partition.FirstRow);
            insert.Parameters.AddWithValue("$count", partition.RowCount);
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
        return replaced;
    }

    /// <summary>Forgets a table; returns its folder, or null if there was no such table.</summary>
    public string? Remove(TableName name)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction();
        var folder = DeleteRows(connection, name);
        transaction.Commit();
        return folder;
    }

    private string? DeleteRows(SqliteConnection connection, TableName name)
    {
        var folder = Command(connection, "SELECT folder FROM tables WHERE namespace = $ns AND name = $name", name).ExecuteScalar() as string;
        if (folder is not null)
        {
            Command(connection, "DELETE FROM tables WHERE namespace = $ns AND name = $name", name).ExecuteNonQuery();
            Command(connection, "DELETE FROM partitions WHERE namespace = $ns AND name = $name", name).ExecuteNonQuery();
        }
        return folder is null ? null : Path.Combine(_home, folder);
    }

    private List<TableInfo> Query(SqliteConnection connection, string where, TableName? name)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT namespace, name, folder, row_count, rows_per_partition, id_column, label_column, weight_column,
                   features_json, source_file, uploaded_at, label_classes_json
            FROM tables {where} ORDER BY namespace, name
            """;
        if (name is { } n)
        {
            command.Parameters.AddWithValue("$ns", n.Namespace);
            command.Parameters.AddWithValue("$name", n.Name);
        }
        var tables = new List<TableInfo>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                tables.Add(ReadTable(reader));
            }
        }
        return tables.Select(t => t with { Partitions = Partitions(connection, t.Name) }).ToList();
    }

    /// <summary>One row of the query above, with its partitions still to be filled in.</summary>
    private TableInfo ReadTable(SqliteDataReader reader)
    {
        var features = JsonSerializer.Deserialize<Feature[]>(reader.GetString(8), JsonOptions)
            ?? throw new InvalidDataException("a table's feature list is null");
        var classes = NullableString(reader, 11) is { } json
            ? JsonSerializer.Deserialize<LabelClasses>(json, JsonOptions) ?? throw new InvalidDataException("a table's label classes are null")
            : null;
        var schema = new TableSchema(reader.GetString(5), features, NullableString(reader, 6), NullableString(reader, 7), classes);
        return new TableInfo(
            new TableName(reader.GetString(0), reader.GetString(1)), schema, reader.GetInt32(3), reader.GetInt32(4), [],
            DateTimeOffset.Parse(reader.GetString(10), CultureInfo.InvariantCulture), NullableString(reader, 9),
            Path.Combine(_home, reader.GetString(2)));
    }

    private static string? NullableString(SqliteDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);

    private static List<PartitionInfo> Partitions(SqliteConnection connection, TableName name)
    {
        var command = Command(connection, "SELECT idx, first_row, row_count FROM partitions WHERE namespace = $ns AND name = $name ORDER BY idx", name);
        using var reader = command.ExecuteReader();
        var partitions = new List<PartitionInfo>();
        while (reader.Read())
        {
            partitions.Add(new PartitionInfo(reader.GetInt32(0), reader.GetInt32(1), reader.GetInt32(2)));
        }
        return partitions;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, TableName name)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$ns", name.Namespace);
        command.Parameters.AddWithValue("$name", name.Name);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
