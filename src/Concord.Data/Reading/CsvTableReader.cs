namespace Concord.Data;

/// <summary>
/// Reads FATE's dense format: a header line, then one row per line, the id in one column (the first by
/// default), an optional label and weight column, and every other column a numeric feature.
/// </summary>
public static class CsvTableReader
{
    /// <summary>Reads a whole file (plain or gzip) into memory, streaming it once.</summary>
    /// <param name="progress">Receives the number of bytes of the file read so far.</param>
    /// <exception cref="DataFormatException">The file does not hold a valid table; the message says where.</exception>
    public static PartyTable Read(string path, CsvReadOptions? options = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        ReadWithSummary(path, options, progress, cancellationToken).Table;

    /// <summary>As <see cref="Read"/>, and how many bytes of the file (and of its text) the table took: all of them.</summary>
    public static (PartyTable Table, SourceBytes Consumed) ReadWithSummary(string path, CsvReadOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new CsvReadOptions();
        var delimiter = options.DelimiterByte();
        using var reader = Utf8LineReader.Open(path, options.AllowUnterminatedLastLine, progress, cancellationToken);
        var header = CsvHeader.Read(reader, path, delimiter, options);
        var names = header.Names;

        var ids = new IdRegistry(path, names[header.IdIndex]);
        var labels = header.LabelIndex >= 0 ? new LabelColumn(path, names[header.LabelIndex]) : null;
        var weights = header.WeightIndex >= 0 ? new GrowableColumn() : null;
        var featureIndexes = header.FeatureIndexes;
        var columns = featureIndexes.Select(_ => new GrowableColumn()).ToArray();
        // One slot more than the header so that an over-long row still reports how long it is.
        var fields = new Range[names.Length + 1];

        while (reader.TryReadLine(out var line))
        {
            if (FieldSplitter.IsBlankLine(line))
            {
                continue;
            }
            var at = reader.LineNumber;
            var count = FieldSplitter.Split(line, delimiter, fields);
            if (count != names.Length)
            {
                throw RaggedRow(path, at, line, delimiter, count, names.Length);
            }
            ids.Add(line[fields[header.IdIndex]], at);
            labels?.Add(line[fields[header.LabelIndex]], at);
            weights?.Add(CellParser.Weight(line[fields[header.WeightIndex]], path, at, names[header.WeightIndex]));
            for (var j = 0; j < featureIndexes.Length; j++)
            {
                var i = featureIndexes[j];
                columns[j].Add(CellParser.Feature(line[fields[i]], path, at, names[i]));
            }
        }

        if (ids.Count == 0)
        {
            throw new DataFormatException(path, null, null, "the file has a header but no data rows");
        }
        (double[]? labelValues, LabelClasses? classes) = labels is null ? (null, null) : labels.Finish();
        var table = PartyTable.Create(
            names[header.IdIndex], ids.ToArray(), featureIndexes.Select(i => names[i]).ToArray(),
            columns.Select(c => c.ToArray()).ToArray(),
            header.LabelIndex >= 0 ? names[header.LabelIndex] : null, labelValues,
            header.WeightIndex >= 0 ? names[header.WeightIndex] : null, weights?.ToArray(), classes);
        return (table, reader.Consumed);
    }

    private static DataFormatException RaggedRow(string path, long line, ReadOnlySpan<byte> text, byte delimiter, int found, int expected)
    {
        if (found == FieldSplitter.UnbalancedQuotes)
        {
            return new DataFormatException(path, line, null, "unbalanced quotes");
        }
        var problem = $"expected {expected} fields as in the header, found {found}";
        if (found == 1 && DelimiterHint.For(text, delimiter) is { } hint)
        {
            problem += $"; {hint}";
        }
        return new DataFormatException(path, line, null, problem);
    }
}
