using System.Globalization;

namespace Concord.ML.Tests;

/// <summary>Reads FATE's dense CSV (id, y, then features) into the feature columns; an empty cell is missing.</summary>
internal static class FateCsv
{
    public static NumericColumns ReadFeatures(string fileName)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "data", fileName));
        var names = lines[0].Split(',')[2..];
        var rows = lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(',')[2..]).ToList();
        var columns = names.Select((_, c) => rows.Select(r => r[c].Length == 0 ? double.NaN : double.Parse(r[c], CultureInfo.InvariantCulture)).ToArray());
        return new NumericColumns(names, [.. columns]);
    }

    /// <summary>Rows [start, end) of every column, e.g. to split one file among several hosts.</summary>
    public static NumericColumns Rows(this NumericColumns data, int start, int end) =>
        new(data.Names, [.. Enumerable.Range(0, data.ColumnCount).Select(c => data[c][start..end].ToArray())]);
}
