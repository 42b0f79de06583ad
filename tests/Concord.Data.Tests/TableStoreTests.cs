using System.IO.Compression;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Data.Tests;

public sealed class TableStoreTests : IDisposable
{
    private static readonly TableName Breast = new("experiment", "breast_hetero_guest");
    private readonly TempDir _dir = new();
    private readonly TableStore _store;

    public TableStoreTests()
    {
        _store = TableStore.Open(Path.Combine(_dir.Path, "party-9999"));
    }

    public void Dispose() => _dir.Dispose();

    private string TablesFolder => Path.Combine(_store.HomeDirectory, TableStore.TablesFolder);

    private string StagingFolder => Path.Combine(_store.HomeDirectory, TableStore.StagingFolder);

    [Fact]
    public void A_saved_example_table_loads_back_equal_with_its_metadata()
    {
        var source = ExampleData.PathOf("breast_hetero_guest.csv");
        var table = CsvTableReader.Read(source);
        var before = DateTimeOffset.UtcNow;
        var saved = _store.Save(Breast, table, options: new SaveOptions { SourceFile = source });

        TableAssert.Same(table, _store.Load(Breast));
        var info = _store.Info(Breast);
        Assert.Equal((Breast, 569, 10, source), (info.Name, info.RowCount, info.FeatureCount, info.SourceFile));
        Assert.Equal(table.Schema, info.Schema);
        Assert.InRange(info.UploadedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        Assert.Equal(saved.Folder, info.Folder);
        Assert.StartsWith(TablesFolder, info.Folder, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_tables_round_trip_through_any_partition_size()
    {
        var count = 0;
        var shapes =
            from rows in Gen.Choose(0, 50)
            from features in Gen.Choose(0, 4)
            from hasLabel in Gen.Elements(true, false)
            from hasWeight in Gen.Elements(true, false)
            from perPartition in Gen.Choose(4, 30)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows, features, hasLabel, hasWeight, perPartition, seed);
        var property = Prop.ForAll(shapes.ToArbitrary(), shape =>
        {
            var table = RandomTable(shape.rows, shape.features, shape.hasLabel, shape.hasWeight, new Random(shape.seed));
            var name = new TableName("random", $"t{count++}");
            var info = _store.Save(name, table, options: new SaveOptions { RowsPerPartition = shape.perPartition });
            TableAssert.Same(table, _store.Load(name));
            Assert.Equal((shape.rows + shape.perPartition - 1) / shape.perPartition, info.Partitions.Count);
        });
        // Each save syncs its files to the disk, a few milliseconds apiece here, so fewer cases than the default 100.
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), property);
    }

    [Fact]
    public void Partitions_are_fixed_size_row_ranges_one_parquet_file_each()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var info = _store.Save(Breast, table, options: new SaveOptions { RowsPerPartition = 100 });

        Assert.Equal(
            [new(0, 0, 100), new(1, 100, 100), new(2, 200, 100), new(3, 300, 100), new(4, 400, 100), new PartitionInfo(5, 500, 69)],
            _store.Info(Breast).Partitions);
        Assert.Equal(Enumerable.Range(0, 6).Select(p => $"part-{p:D5}.parquet"), TempDir.FilesUnder(info.Folder).Order());
        // Any Parquet reader sees the table's own column names and the rows of that range.
        var (names, x3) = ParquetColumn.Read(Path.Combine(info.Folder, "part-00005.parquet"), "x3");
        Assert.Equal(new[] { "id", "y" }.Concat(Enumerable.Range(0, 10).Select(j => $"x{j}")), names);
        Assert.Equal(69, x3.Length);
        Assert.Equal(table[503, 3], x3[3]);
        TableAssert.Same(table, _store.Load(Breast));
    }

    [Fact]
    public void A_table_of_thousands_of_features_is_one_file()
    {
        var random = new Random(7);
        var columns = Enumerable.Range(0, 3_000).Select(_ => Enumerable.Range(0, 5).Select(_ => random.NextDouble()).ToArray()).ToArray();
        var table = PartyTable.Create("id", ["a", "b", "c", "d", "e"], Enumerable.Range(0, 3_000).Select(j => $"x{j}").ToArray(), columns);
        var info = _store.Save(new TableName("wide", "t"), table);
        Assert.Equal(["part-00000.parquet"], TempDir.FilesUnder(info.Folder));
        TableAssert.Same(table, _store.Load(new TableName("wide", "t")));
    }

    [Fact]
    public void A_feature_without_a_name_is_stored_under_a_made_up_unique_one_and_loads_back_in_place()
    {
        // Parquet refuses an empty column name; tables built in code (not read from a file) may have one.
        var table = PartyTable.Create("id", ["r1", "r2"], ["", "#1", "x"], [[1, 2], [3, 4], [5, 6]], "y", [0, 1], "w", [1, 1]);
        var name = new TableName("ns", "clash");
        var info = _store.Save(name, table);
        TableAssert.Same(table, _store.Load(name));
        var (names, _) = ParquetColumn.Read(Path.Combine(info.Folder, "part-00000.parquet"), "id");
        Assert.Equal(["id", "y", "w", "#3", "#1", "x"], names);
    }

    [Fact]
    public void A_table_stored_in_the_old_folder_per_column_layout_still_loads()
    {
        var breast = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var table = new PartyTable(new TableSchema(breast.Schema.IdName, breast.Schema.Features, breast.Schema.LabelName, "w"), breast.Ids.ToArray(),
            Enumerable.Range(0, breast.FeatureCount).Select(j => breast.Column(j).ToArray()).ToArray(), breast.Labels,
            breast.Ids.Select((_, i) => i * 0.25).ToArray());
        var info = _store.Save(Breast, table, options: new SaveOptions { RowsPerPartition = 300 });
        // What an earlier Concord left in users' homes: the same metadata, a folder of raw column files per partition.
        foreach (var partition in info.Partitions)
        {
            File.Delete(Path.Combine(info.Folder, $"part-{partition.Index:D5}.parquet"));
            OldLayout.Write(Path.Combine(info.Folder, $"part-{partition.Index:D5}"), table, partition.FirstRow, partition.RowCount);
        }
        TableAssert.Same(table, _store.Load(Breast));
    }

    [Fact]
    public void Missing_values_and_weights_survive_the_store()
    {
        var path = _dir.File("m.csv", "id,y,w,a,b\n1,0,1,,2\n2,1,0.5,NA,3\n3,1,2,4,None\n");
        var table = CsvTableReader.Read(path, new CsvReadOptions { WeightColumn = "w" });
        var name = new TableName("ns", "missing");
        _store.Save(name, table);
        var loaded = _store.Load(name);
        TableAssert.Same(table, loaded);
        Assert.Equal([double.NaN, double.NaN, 4], loaded.Column(0).ToArray());
        Assert.Equal([1, 0.5, 2], loaded.Weights!);
    }

    [Fact]
    public void List_exists_and_delete_see_what_is_stored()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("student_homo_guest.csv"));
        var b = new TableName("zeta", "student");
        var a = new TableName("alpha", "student");
        _store.Save(b, table);
        var infoA = _store.Save(a, table);

        Assert.Equal([a, b], _store.List().Select(t => t.Name));
        // A second store on the same home (the node and the CLI) sees the same tables.
        Assert.Equal([a, b], TableStore.Open(_store.HomeDirectory).List().Select(t => t.Name));
        Assert.True(_store.Exists(a));
        Assert.True(_store.Delete(a));
        Assert.False(_store.Exists(a));
        Assert.False(Directory.Exists(infoA.Folder));
        Assert.False(_store.Delete(a));
        Assert.Equal([b], _store.List().Select(t => t.Name));
    }

    [Fact]
    public void Saving_over_a_name_is_refused_unless_overwrite_is_asked_for()
    {
        var guest = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var host = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_host.csv"), new CsvReadOptions { LabelColumn = null });
        var first = _store.Save(Breast, guest);

        var e = Assert.Throws<TableExistsException>(() => _store.Save(Breast, host));
        Assert.Contains("experiment/breast_hetero_guest already exists", e.Message, StringComparison.Ordinal);
        TableAssert.Same(guest, _store.Load(Breast));

        var second = _store.Save(Breast, host, options: new SaveOptions { Overwrite = true });
        TableAssert.Same(host, _store.Load(Breast));
        Assert.False(Directory.Exists(first.Folder));
        Assert.Equal([second.Folder], Directory.GetDirectories(TablesFolder));
    }

    [Fact]
    public void Loading_a_missing_table_says_what_the_store_holds()
    {
        _store.Save(Breast, CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv")));
        var e = Assert.Throws<TableNotFoundException>(() => _store.Load(new TableName("experiment", "nope")));
        Assert.Equal($"no table experiment/nope in {_store.HomeDirectory} (it holds experiment/breast_hetero_guest)", e.Message);
    }

    [Fact]
    public void A_bad_row_near_the_end_of_a_large_file_stores_nothing()
    {
        // default_credit (30,000 rows) with one value spoiled on the last line but one.
        var lines = NaiveLines("default_credit_hetero_guest.csv.gz");
        lines[^2] = lines[^2][..lines[^2].LastIndexOf(',')] + ",oops";
        var path = Path.Combine(_dir.Path, "credit_bad.csv");
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<DataFormatException>(() => Upload(path, new TableName("experiment", "credit")));
        Assert.Equal((30_000L, "x12", "\"oops\" is not a number"), (e.Line, e.Column, e.Problem));
        AssertNothingStored();
    }

    [Fact]
    public void A_failure_in_the_middle_of_writing_partitions_leaves_no_table_and_no_files()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var failing = new FailAfter(rows: 200);
        var e = Assert.Throws<IOException>(() => _store.Save(Breast, table, failing, new SaveOptions { RowsPerPartition = 100 }));
        Assert.Equal("disk full (simulated)", e.Message);
        Assert.Equal([100L, 200], failing.Seen);
        AssertNothingStored();
    }

    [Fact]
    public void A_cancelled_save_leaves_no_table_and_no_files()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        using var cancel = new CancellationTokenSource();
        var progress = new CallbackProgress(rows => cancel.Cancel());
        Assert.ThrowsAny<OperationCanceledException>(() =>
            _store.Save(Breast, table, progress, new SaveOptions { RowsPerPartition = 100 }, cancel.Token));
        AssertNothingStored();
    }

    [Fact]
    public void A_failed_overwrite_keeps_the_old_table_whole()
    {
        var guest = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var before = _store.Save(Breast, guest);
        var host = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_host.csv"), new CsvReadOptions { LabelColumn = null });
        Assert.Throws<IOException>(() =>
            _store.Save(Breast, host, new FailAfter(rows: 100), new SaveOptions { Overwrite = true, RowsPerPartition = 100 }));
        TableAssert.Same(guest, _store.Load(Breast));
        Assert.Equal([before.Folder], Directory.GetDirectories(TablesFolder));
        Assert.Empty(Directory.GetFileSystemEntries(StagingFolder));
    }

    [Fact]
    public void Leftovers_of_a_killed_save_are_swept_once_stale_but_live_ones_are_kept()
    {
        var kept = _store.Save(Breast, CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv")));
        var staleStaging = Directory.CreateDirectory(Path.Combine(StagingFolder, "dead")).FullName;
        var staleOrphan = Directory.CreateDirectory(Path.Combine(TablesFolder, "experiment.orphan.dead")).FullName;
        var liveStaging = Directory.CreateDirectory(Path.Combine(StagingFolder, "live")).FullName;
        var longAgo = DateTime.UtcNow - TableStore.StaleAfter - TimeSpan.FromHours(1);
        foreach (var dir in new[] { staleStaging, staleOrphan, kept.Folder })
        {
            Directory.SetLastWriteTimeUtc(dir, longAgo);
        }

        TableStore.Open(_store.HomeDirectory);

        Assert.False(Directory.Exists(staleStaging));
        Assert.False(Directory.Exists(staleOrphan));
        Assert.True(Directory.Exists(liveStaging));
        Assert.True(Directory.Exists(kept.Folder));
        Assert.Equal(569, _store.Load(Breast).RowCount);
    }

    [Fact]
    public void A_damaged_partition_file_is_reported_not_read()
    {
        var info = _store.Save(Breast, CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv")));
        var file = Path.Combine(info.Folder, "part-00000.parquet");
        using (var stream = File.OpenWrite(file))
        {
            stream.SetLength(stream.Length / 2);
        }
        var e = Assert.Throws<InvalidDataException>(() => _store.Load(Breast));
        Assert.StartsWith($"{file} cannot be read as Parquet (", e.Message, StringComparison.Ordinal);
        Assert.EndsWith("the table is damaged", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Fact]
    public void A_damaged_old_layout_column_file_is_reported_not_read()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        var info = _store.Save(Breast, table);
        File.Delete(Path.Combine(info.Folder, "part-00000.parquet"));
        OldLayout.Write(Path.Combine(info.Folder, "part-00000"), table, 0, table.RowCount);
        var column = Path.Combine(info.Folder, "part-00000", "f00002.f64");
        using (var file = File.OpenWrite(column))
        {
            file.SetLength(100);
        }
        var e = Assert.Throws<InvalidDataException>(() => _store.Load(Breast));
        Assert.Equal($"{column} has 100 bytes where {569 * 8} were expected; the table is damaged", e.Message);
    }

    [Theory]
    [InlineData("../up", "name")]
    [InlineData("ns", "a/b")]
    [InlineData("", "name")]
    [InlineData("ns", "a.b")]
    public void Table_names_that_could_escape_their_folder_are_refused(string ns, string name)
    {
        Assert.Throws<ArgumentException>(() => new TableName(ns, name));
    }

    private TableInfo Upload(string path, TableName name) =>
        _store.Save(name, CsvTableReader.Read(path), options: new SaveOptions { SourceFile = path });

    private void AssertNothingStored()
    {
        Assert.Empty(_store.List());
        Assert.Empty(TempDir.FilesUnder(TablesFolder));
        Assert.Empty(TempDir.FilesUnder(StagingFolder));
        Assert.Empty(Directory.GetFileSystemEntries(TablesFolder));
        Assert.Empty(Directory.GetFileSystemEntries(StagingFolder));
    }

    private static string[] NaiveLines(string exampleFile)
    {
        using var input = new GZipStream(File.OpenRead(ExampleData.PathOf(exampleFile)), CompressionMode.Decompress);
        using var reader = new StreamReader(input);
        return reader.ReadToEnd().TrimEnd('\n').Split('\n');
    }

    private static PartyTable RandomTable(int rows, int features, bool hasLabel, bool hasWeight, Random random)
    {
        double Value() => random.Next(10) == 0 ? double.NaN : Math.Round(random.NextDouble() * 200 - 100, random.Next(4));
        var ids = Enumerable.Range(0, rows).Select(i => random.Next(3) == 0 ? $"é-{i}" : $"{i * 7919 % 10007}-{i}").ToArray();
        var columns = Enumerable.Range(0, features).Select(_ => Enumerable.Range(0, rows).Select(_ => Value()).ToArray()).ToArray();
        return PartyTable.Create("id", ids, Enumerable.Range(0, features).Select(j => $"f{j}").ToArray(), columns,
            hasLabel ? "y" : null, hasLabel ? Enumerable.Range(0, rows).Select(_ => (double)random.Next(2)).ToArray() : null,
            hasWeight ? "w" : null, hasWeight ? Enumerable.Range(0, rows).Select(_ => random.NextDouble()).ToArray() : null);
    }

    /// <summary>Reports progress like a caller would, and fails like a full disk once enough rows are written.</summary>
    private sealed class FailAfter(long rows) : IProgress<long>
    {
        public List<long> Seen { get; } = [];

        public void Report(long value)
        {
            Seen.Add(value);
            if (value >= rows)
            {
                throw new IOException("disk full (simulated)");
            }
        }
    }

    private sealed class CallbackProgress(Action<long> onReport) : IProgress<long>
    {
        public void Report(long value) => onReport(value);
    }

    private sealed class AccessList : ITableAccessLog
    {
        public List<string> Seen { get; } = [];

        public void Read(TableInfo table) => Seen.Add($"read {table.Name} {table.RowCount}");

        public void Written(TableInfo table) => Seen.Add($"written {table.Name} {table.RowCount}");

        public void Deleted(TableName name) => Seen.Add($"deleted {name}");
    }

    [Fact]
    public void Every_table_read_written_or_deleted_is_told_to_the_access_log_and_nothing_that_failed()
    {
        var access = new AccessList();
        var store = TableStore.Open(_store.HomeDirectory, access);
        var table = PartyTable.Create("id", ["a", "b"], ["x"], [[1.0, 2.0]]);

        store.Save(Breast, table);
        Assert.Throws<TableExistsException>(() => store.Save(Breast, table));
        store.Load(Breast);
        Assert.Throws<TableNotFoundException>(() => store.Load(new TableName("experiment", "missing")));
        store.Delete(Breast);
        store.Delete(Breast);

        Assert.Equal([$"written {Breast} 2", $"read {Breast} 2", $"deleted {Breast}"], access.Seen);
    }
}
