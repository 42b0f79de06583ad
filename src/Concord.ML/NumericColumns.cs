namespace Concord.ML;

/// <summary>
/// A party's numeric feature columns: a name and a value per row for each column, NaN where a value is
/// missing. The arrays are held, not copied.
/// </summary>
public sealed class NumericColumns
{
    private readonly double[][] _values;

    public NumericColumns(IReadOnlyList<string> names, IReadOnlyList<double[]> values)
    {
        if (names.Count != values.Count)
        {
            throw new ArgumentException($"{names.Count} column names but {values.Count} columns of values");
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("a column name is empty");
            }
            if (!seen.Add(name))
            {
                throw new ArgumentException($"column \"{name}\" appears twice");
            }
        }
        RowCount = values.Count == 0 ? 0 : values[0].Length;
        for (var c = 0; c < values.Count; c++)
        {
            if (values[c].Length != RowCount)
            {
                throw new ArgumentException($"column \"{names[c]}\" has {values[c].Length} rows, but \"{names[0]}\" has {RowCount}");
            }
        }
        Names = [.. names];
        _values = [.. values];
    }

    public IReadOnlyList<string> Names { get; }

    public int ColumnCount => Names.Count;

    public int RowCount { get; }

    public ReadOnlySpan<double> this[int column] => _values[column];

    /// <summary>The same data with its columns in the given order, e.g. the order another party uses.</summary>
    public NumericColumns Select(IReadOnlyList<string> names)
    {
        var index = Names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
        var picked = names.Select(name => index.TryGetValue(name, out var i)
            ? _values[i]
            : throw new ArgumentException($"there is no column \"{name}\"")).ToList();
        return new NumericColumns(names, picked);
    }
}
