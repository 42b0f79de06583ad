namespace Concord.Data;

/// <summary>
/// Splits one delimited line into field ranges, trimming spaces around each field. A field may be wrapped
/// in double quotes (RFC 4180), and then may hold the delimiter; a doubled quote inside stands for one quote.
/// Fields never span lines here: FATE's formats have none that do.
/// </summary>
internal static class FieldSplitter
{
    public const int UnbalancedQuotes = -1;

    /// <summary>
    /// Stores the first <c>fields.Length</c> field ranges and returns how many fields the line has (which may be
    /// more, so that a ragged row can be reported with its real width), or <see cref="UnbalancedQuotes"/>.
    /// </summary>
    public static int Split(ReadOnlySpan<byte> line, byte delimiter, Span<Range> fields)
    {
        var count = 0;
        var pos = 0;
        while (true)
        {
            var start = SkipBlanks(line, pos, delimiter);
            int fieldStart, fieldEnd, next;
            if (start < line.Length && line[start] == '"')
            {
                var close = ClosingQuote(line, start + 1);
                if (close < 0)
                {
                    return UnbalancedQuotes;
                }
                next = SkipBlanks(line, close + 1, delimiter);
                if (next < line.Length && line[next] != delimiter)
                {
                    return UnbalancedQuotes;
                }
                (fieldStart, fieldEnd) = (start + 1, close);
            }
            else
            {
                var d = line[pos..].IndexOf(delimiter);
                next = d < 0 ? line.Length : pos + d;
                (fieldStart, fieldEnd) = (start, next);
                while (fieldEnd > fieldStart && IsBlank(line[fieldEnd - 1], delimiter))
                {
                    fieldEnd--;
                }
            }
            if (count < fields.Length)
            {
                fields[count] = fieldStart..fieldEnd;
            }
            count++;
            if (next >= line.Length)
            {
                return count;
            }
            pos = next + 1;
        }
    }

    /// <summary>True for a line with nothing but spaces and tabs, which readers skip.</summary>
    public static bool IsBlankLine(ReadOnlySpan<byte> line) => line.IndexOfAnyExcept((byte)' ', (byte)'\t') < 0;

    private static int SkipBlanks(ReadOnlySpan<byte> line, int pos, byte delimiter)
    {
        while (pos < line.Length && IsBlank(line[pos], delimiter))
        {
            pos++;
        }
        return pos;
    }

    // A space or tab is padding, unless it is the delimiter itself.
    private static bool IsBlank(byte b, byte delimiter) => (b == ' ' || b == '\t') && b != delimiter;

    private static int ClosingQuote(ReadOnlySpan<byte> line, int from)
    {
        for (var i = from; i < line.Length; i++)
        {
            if (line[i] != '"')
            {
                continue;
            }
            if (i + 1 < line.Length && line[i + 1] == '"')
            {
                i++;
                continue;
            }
            return i;
        }
        return -1;
    }
}
