namespace Concord.Data;

/// <summary>How <see cref="TableStore.Save"/> stores a table.</summary>
public sealed record SaveOptions
{
    /// <summary>
    /// Rows per partition. 100,000 keeps a partition's column file under a megabyte, small enough to
    /// stream and to spread over cores, while a table the size of default_credit stays in one partition.
    /// </summary>
    public const int DefaultRowsPerPartition = 100_000;

    /// <summary>Replace a table that already has the name; otherwise saving over it is an error.</summary>
    public bool Overwrite { get; init; }

    public int RowsPerPartition { get; init; } = DefaultRowsPerPartition;

    /// <summary>The file the table was read from, recorded for the people who will ask where it came from.</summary>
    public string? SourceFile { get; init; }
}
