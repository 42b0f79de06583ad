namespace Concord.Data;

/// <summary>
/// Input that cannot be read as a table. The message names the file, and the line and column where known,
/// e.g. <c>data/x.csv line 17, column "x3": "abc" is not a number</c>.
/// </summary>
public sealed class DataFormatException : Exception
{
    public DataFormatException(string file, long? line, string? column, string problem)
        : base(Describe(file, line, column, problem))
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>The file as the user named it.</summary>
    public string File { get; }

    /// <summary>The 1-based line number, or null where the problem is with the file as a whole.</summary>
    public long? Line { get; }

    /// <summary>The column's name from the header (or its role, such as "id"), or null.</summary>
    public string? Column { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Describe(string file, long? line, string? column, string problem)
    {
        var where = file;
        if (line is { } l)
        {
            where += $" line {l}";
        }
        if (column is not null)
        {
            where += $"{(line is null ? "" : ",")} column \"{column}\"";
        }
        return $"{where}: {problem}";
    }
}
