namespace Concord.Data;

/// <summary>
/// Recognises a line written with another delimiter than the one in use (a ';'-separated export read as CSV
/// is the usual case) so that the error can say which delimiter to pass instead of just "one field".
/// </summary>
internal static class DelimiterHint
{
    private static readonly char[] Candidates = [',', ';', '\t', '|'];

    /// <summary>A hint for a line that split into a single field, or null when no other delimiter is in it.</summary>
    public static string? For(ReadOnlySpan<byte> line, byte delimiter)
    {
        foreach (var candidate in Candidates)
        {
            if (candidate != delimiter && line.Contains((byte)candidate))
            {
                var shown = candidate == '\t' ? "tab" : $"'{candidate}'";
                var option = candidate == '\t' ? "'\\t'" : $"'{candidate}'";
                return $"it looks like {shown}-delimited; pass --delimiter {option}";
            }
        }
        return null;
    }
}
