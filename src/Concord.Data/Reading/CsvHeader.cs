namespace Concord.Data;

/// <summary>The first line of a dense file, and the role each column plays.</summary>
internal sealed class CsvHeader
{
    private const int NamesShownInErrors = 12;

    private CsvHeader(string[] names, int idIndex, int labelIndex, int weightIndex)
    {
        Names = names;
        IdIndex = idIndex;
        LabelIndex = labelIndex;
        WeightIndex = weightIndex;
        FeatureIndexes = Enumerable.Range(0, names.Length)
            .Where(i => i != idIndex && i != labelIndex && i != weightIndex)
            .ToArray();
    }

    public string[] Names { get; }

    public int IdIndex { get; }

    /// <summary>The label's field index, or -1.</summary>
    public int LabelIndex { get; }

    /// <summary>The weight's field index, or -1.</summary>
    public int WeightIndex { get; }

    /// <summary>The field index of each feature, in header order.</summary>
    public int[] FeatureIndexes { get; }

    public static CsvHeader Read(Utf8LineReader reader, string file, byte delimiter, CsvReadOptions options)
    {
        ReadOnlySpan<byte> line;
        do
        {
            if (!reader.TryReadLine(out line))
            {
                throw new DataFormatException(file, null, null, "the file is empty; expected a header line such as id,y,x0,x1");
            }
        }
        while (FieldSplitter.IsBlankLine(line));

        var lineNumber = reader.LineNumber;
        var count = FieldSplitter.Split(line, delimiter, []);
        if (count == FieldSplitter.UnbalancedQuotes)
        {
            throw new DataFormatException(file, lineNumber, null, "the header has unbalanced quotes");
        }
        if (count == 1 && DelimiterHint.For(line, delimiter) is { } hint)
        {
            throw new DataFormatException(file, lineNumber, null,
                $"the header is one field, \"{Utf8Field.Preview(line)}\"; {hint}");
        }
        var fields = new Range[count];
        FieldSplitter.Split(line, delimiter, fields);
        var names = new string[count];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            names[i] = Utf8Field.ToText(line[fields[i]]);
            if (names[i].Length == 0)
            {
                throw new DataFormatException(file, lineNumber, null, $"column {i + 1} of the header has no name");
            }
            if (!seen.Add(names[i]))
            {
                throw new DataFormatException(file, lineNumber, names[i], "the name appears twice in the header");
            }
        }

        if (options.IdColumn < 0 || options.IdColumn >= count)
        {
            throw new DataFormatException(file, lineNumber, null,
                $"the id column is number {options.IdColumn + 1} but the header has {count} column(s)");
        }
        var labelIndex = Find(names, options.LabelColumn, options.LabelRequired, "label", file, lineNumber);
        var weightIndex = Find(names, options.WeightColumn, required: true, "weight", file, lineNumber);
        foreach (var (index, role) in new[] { (labelIndex, "label"), (weightIndex, "weight") })
        {
            if (index == options.IdColumn)
            {
                throw new DataFormatException(file, lineNumber, names[index], $"the {role} column is also the id column");
            }
        }
        if (labelIndex >= 0 && labelIndex == weightIndex)
        {
            throw new DataFormatException(file, lineNumber, names[labelIndex], "the label column is also the weight column");
        }
        return new CsvHeader(names, options.IdColumn, labelIndex, weightIndex);
    }

    private static int Find(string[] names, string? wanted, bool required, string role, string file, long lineNumber)
    {
        if (wanted is null)
        {
            return -1;
        }
        var index = Array.IndexOf(names, wanted);
        if (index < 0 && required)
        {
            var shown = string.Join(", ", names.Take(NamesShownInErrors)) + (names.Length > NamesShownInErrors ? ", ..." : "");
            throw new DataFormatException(file, lineNumber, null,
                $"the {role} column \"{wanted}\" is not in the header ({shown})");
        }
        return index;
    }
}
