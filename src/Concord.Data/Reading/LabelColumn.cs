namespace Concord.Data;

/// <summary>
/// A file's label column, filled row by row. The first label decides what the column holds: a number makes every
/// label a number (as before), a word makes every label a text, kept losslessly as a code into
/// <see cref="LabelClasses"/> (the texts in ordinal order), so that "yes"/"no" or class names upload as they are and
/// a label_transform later maps them to the numbers a model trains on.
/// </summary>
internal sealed class LabelColumn(string file, string column)
{
    private readonly GrowableColumn _values = new();
    private Dictionary<string, int>? _firstSeen;
    private List<string>? _texts;
    private long _firstLine;

    public void Add(ReadOnlySpan<byte> field, long line)
    {
        if (_values.Count == 0)
        {
            _firstLine = line;
            if (Utf8Field.ParseNumber(field, out _) is NumberOutcome.NotANumber)
            {
                _firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
                _texts = [];
            }
        }
        if (_firstSeen is null)
        {
            _values.Add(Number(field, line));
            return;
        }
        if (Utf8Field.ParseNumber(field, out _) is NumberOutcome.Missing)
        {
            throw new DataFormatException(file, line, column, "the label is missing");
        }
        var text = Utf8Field.ToText(field);
        if (!_firstSeen.TryGetValue(text, out var code))
        {
            if (_texts!.Count == LabelClasses.MaxClasses)
            {
                throw new DataFormatException(file, line, column,
                    $"the label column holds more than {LabelClasses.MaxClasses:N0} distinct texts; a label names a class, so this is likely an id or free-text column");
            }
            code = _texts.Count;
            _firstSeen.Add(text, code);
            _texts.Add(text);
        }
        _values.Add(code);
    }

    /// <summary>The labels, and the classes behind them when they were texts.</summary>
    public (double[] Values, LabelClasses? Classes) Finish()
    {
        var values = _values.ToArray();
        if (_texts is null)
        {
            return (values, null);
        }
        var classes = LabelClasses.Codes(_texts);
        // Codes were given in first-seen order while reading; the stored ones follow the classes' ordinal order.
        var stored = Enumerable.Range(0, classes.Count).ToDictionary(k => classes.Texts[k], k => classes.Values[k], StringComparer.Ordinal);
        var recode = _texts.Select(t => stored[t]).ToArray();
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = recode[(int)values[i]];
        }
        return (values, classes);
    }

    private double Number(ReadOnlySpan<byte> field, long line)
    {
        var outcome = Utf8Field.ParseNumber(field, out _);
        if (outcome is NumberOutcome.NotANumber)
        {
            throw new DataFormatException(file, line, column,
                $"\"{Utf8Field.Preview(field)}\" is not a number, and the label at line {_firstLine} was one; a label column holds numbers or texts, not both");
        }
        return CellParser.Label(field, file, line, column);
    }
}
