namespace Concord.Cli.Commands;

/// <summary>
/// Plain left-aligned columns for listings. Spectre's tables wrap to the terminal width, which mangles output
/// that is piped or wider than the screen; this never wraps and reads the same in a terminal and in a file.
/// </summary>
internal static class TextTable
{
    /// <param name="header">The column titles, or null for a two-column list of names and values.</param>
    public static void Write(TextWriter output, IReadOnlyList<string>? header, IEnumerable<IReadOnlyList<string>> rows, string indent = "")
    {
        var all = (header is null ? rows : rows.Prepend(header)).ToList();
        if (all.Count == 0)
        {
            return;
        }
        var widths = all[0].Select((_, c) => all.Max(row => row[c].Length)).ToArray();
        foreach (var row in all)
        {
            var cells = row.Select((cell, c) => c == row.Count - 1 ? cell : cell.PadRight(widths[c]));
            output.WriteLine(indent + string.Join("  ", cells).TrimEnd());
        }
    }
}
