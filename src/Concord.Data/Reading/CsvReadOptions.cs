namespace Concord.Data;

/// <summary>How to read a party's file. The defaults fit FATE's example data: comma-separated, id first, label "y".</summary>
public sealed record CsvReadOptions
{
    /// <summary>The label column's name (FATE's <c>label_name</c>), or null for a table without labels.</summary>
    public string? LabelColumn { get; init; } = "y";

    /// <summary>
    /// Whether a <see cref="LabelColumn"/> absent from the file is an error (the default) or simply means
    /// the table has no labels, which suits a tool that uploads guests' and hosts' files alike.
    /// </summary>
    public bool LabelRequired { get; init; } = true;

    /// <summary>The sample-weight column's name, or null when every row weighs the same.</summary>
    public string? WeightColumn { get; init; }

    /// <summary>The 0-based position of the id column in a dense file (tag:value files always start with the id).</summary>
    public int IdColumn { get; init; }

    /// <summary>The field delimiter: any ASCII character but a quote or a line break.</summary>
    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// Accept a last line without a line break. Off by default: when every other line has one, a last line
    /// without it is what a file cut short mid-row looks like, and its row would be stored cut.
    /// </summary>
    public bool AllowUnterminatedLastLine { get; init; }

    internal byte DelimiterByte()
    {
        if (Delimiter is > '\x7F' or '"' or '\n' or '\r' or '\0')
        {
            throw new ArgumentException($"the delimiter must be an ASCII character other than a quote or a line break, not '{Delimiter}'");
        }
        return (byte)Delimiter;
    }
}
