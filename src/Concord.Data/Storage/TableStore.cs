namespace Concord.Data;

/// <summary>
/// A party's tables, kept in its home folder:
/// <code>
/// tables.db                              SQLite: which tables exist, their schemas, partitions, provenance
/// tables/&lt;ns&gt;.&lt;name&gt;.&lt;upload&gt;/part-00000.parquet   every column of the first partition (older stores: a folder of one file per column)
/// tmp/&lt;upload&gt;/                          a save in progress
/// </code>
/// A save writes its files under tmp/, moves the finished folder into tables/ (a rename, atomic on one file
/// system), and only then records it in one transaction. Any failure before the commit removes what it
/// wrote, so a table is either all there or not there at all; an overwrite swaps the old table for the
/// new one in that same transaction and only then deletes the old files.
/// </summary>
public sealed class TableStore
{
    public const string DatabaseFile = "tables.db";
    public const string TablesFolder = "tables";
    public const string StagingFolder = "tmp";

    /// <summary>Leftovers of a process that died mid-save are removed once they are this old (a live save is never that slow).</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromHours(24);

    private readonly MetadataDb _db;
    private readonly ITableAccessLog? _access;

    private TableStore(string home, ITableAccessLog? access)
    {
        HomeDirectory = home;
        _access = access;
        Directory.CreateDirectory(Path.Combine(home, TablesFolder));
        Directory.CreateDirectory(Path.Combine(home, StagingFolder));
        _db = new MetadataDb(Path.Combine(home, DatabaseFile), home);
    }

    /// <summary>The party's home folder (see <see cref="PartyHome"/>).</summary>
    public string HomeDirectory { get; }

    /// <summary>Opens the store in a party's home folder, creating it if need be.</summary>
    /// <param name="access">Told of each table read, written or deleted through this store.</param>
    public static TableStore Open(string partyHomeDir, ITableAccessLog? access = null)
    {
        var store = new TableStore(Path.GetFullPath(partyHomeDir), access);
        store.RemoveStaleLeftovers(DateTime.UtcNow - StaleAfter);
        return store;
    }

    /// <summary>Stores a table under a name, atomically.</summary>
    /// <param name="progress">Receives the number of rows written so far.</param>
    /// <exception cref="TableExistsException">The name is taken and <see cref="SaveOptions.Overwrite"/> is not set.</exception>
    public TableInfo Save(TableName name, PartyTable table, IProgress<long>? progress = null, SaveOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        options ??= new SaveOptions();
        if (!options.Overwrite && Exists(name))
        {
            throw new TableExistsException(name, HomeDirectory);
        }
        var upload = Guid.NewGuid().ToString("N")[..12];
        var staging = Path.Combine(HomeDirectory, StagingFolder, upload);
        var folder = Path.Combine(HomeDirectory, TablesFolder, $"{name.Namespace}.{name.Name}.{upload}");
        try
        {
            var partitions = TableFolder.Write(staging, table, options.RowsPerPartition, progress, cancellationToken);
            Directory.Move(staging, folder);
            var info = new TableInfo(name, table.Schema, table.RowCount, options.RowsPerPartition, partitions,
                DateTimeOffset.UtcNow, options.SourceFile, folder);
            var replaced = _db.Insert(info, options.Overwrite);
            if (replaced is not null)
            {
                DeleteFolder(replaced);
            }
            _access?.Written(info);
            return info;
        }
        catch
        {
            DeleteFolder(staging);
            DeleteFolder(folder);
            throw;
        }
    }

    /// <exception cref="TableNotFoundException">No table has the name.</exception>
    public PartyTable Load(TableName name, CancellationToken cancellationToken = default)
    {
        var info = Info(name);
        var table = TableFolder.Read(info, cancellationToken);
        _access?.Read(info);
        return table;
    }

    /// <summary>
    /// The table's first rows: only the partitions that hold its first <paramref name="rows"/> rows are read, so a
    /// preview of a large table costs one partition. The result may hold more rows than asked (whole partitions).
    /// </summary>
    /// <exception cref="TableNotFoundException">No table has the name.</exception>
    public PartyTable Head(TableName name, int rows, CancellationToken cancellationToken = default)
    {
        var info = Info(name);
        var partitions = info.Partitions.OrderBy(p => p.FirstRow).TakeWhile(p => p.FirstRow < rows).ToList();
        var table = TableFolder.Read(info with { Partitions = partitions, RowCount = partitions.Sum(p => p.RowCount) }, cancellationToken);
        _access?.Read(info);
        return table;
    }

    /// <summary>What is known about a table, without reading its values.</summary>
    /// <exception cref="TableNotFoundException">No table has the name.</exception>
    public TableInfo Info(TableName name) =>
        _db.Find(name) ?? throw new TableNotFoundException(name, HomeDirectory, List().Select(t => t.Name).ToList());

    /// <summary>Every table, ordered by namespace and name.</summary>
    public IReadOnlyList<TableInfo> List() => _db.All();

    public bool Exists(TableName name) => _db.Find(name) is not null;

    /// <summary>Removes a table; false if there was none.</summary>
    public bool Delete(TableName name)
    {
        var folder = _db.Remove(name);
        if (folder is null)
        {
            return false;
        }
        DeleteFolder(folder);
        _access?.Deleted(name);
        return true;
    }

    /// <summary>
    /// Removes what a killed process may have left: staging folders, and table folders that no metadata row
    /// names (moved into place but never committed). Only old ones, so that a save running now in another
    /// process (the node and the CLI share the store) keeps its files.
    /// </summary>
    internal void RemoveStaleLeftovers(DateTime olderThanUtc)
    {
        var named = _db.All().Select(t => Path.GetFullPath(t.Folder)).ToHashSet(StringComparer.Ordinal);
        var candidates = Directory.EnumerateDirectories(Path.Combine(HomeDirectory, StagingFolder))
            .Concat(Directory.EnumerateDirectories(Path.Combine(HomeDirectory, TablesFolder)).Where(d => !named.Contains(d)));
        foreach (var dir in candidates.ToList())
        {
            if (Directory.GetLastWriteTimeUtc(dir) < olderThanUtc)
            {
                DeleteFolder(dir);
            }
        }
    }

    // Cleanup must not hide the error that made it necessary, nor fail a save that has already committed.
    private static void DeleteFolder(string dir)
    {
        try
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
