using System.Buffers;
using System.Text;

namespace Concord.Data;

/// <summary>
/// Reads FATE's sparse <c>tag:value</c> format (<c>input_format: tag</c> with <c>tag_with_value</c>, which also
/// covers svmlight-like files): each line is an id, then the label if the table has one, then
/// <c>tag:value</c> pairs. FATE's own examples separate the id with ',' and the pairs with ';'
/// (<c>133,x0:0.44;x1:-1.24</c>); svmlight separates with spaces. Any of ',', ';', space, tab (and the
/// configured delimiter) is accepted between tokens, since none can occur inside a tag name or a number.
/// </summary>
/// <remarks>
/// The features are every tag seen in the file, in natural order (x2 before x10). As in FATE, a tag absent
/// from a row means 0, not missing; a present tag whose value is a missing token (NA, empty, ...) is missing.
/// There is no header line. Whether the second token is a label is decided by the first row (a token
/// without ':'), and every other row must agree.
/// </remarks>
public static class TagValueTableReader
{
    public const string IdColumnName = "id";
    private const byte TagValueSeparator = (byte)':';

    /// <inheritdoc cref="CsvTableReader.Read"/>
    public static PartyTable Read(string path, CsvReadOptions? options = null, IProgress<long>? progress = null,
        CancellationToken cancellationToken = default) =>
        ReadWithSummary(path, options, progress, cancellationToken).Table;

    /// <inheritdoc cref="CsvTableReader.ReadWithSummary"/>
    public static (PartyTable Table, SourceBytes Consumed) ReadWithSummary(string path, CsvReadOptions? options = null,
        IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new CsvReadOptions();
        if (options.IdColumn != 0)
        {
            throw new ArgumentException("a tag:value file has its id first; the id column cannot be moved");
        }
        var separators = SearchValues.Create([(byte)',', (byte)';', (byte)' ', (byte)'\t', options.DelimiterByte()]);
        using var reader = Utf8LineReader.Open(path, options.AllowUnterminatedLastLine, progress, cancellationToken);
        var ids = new IdRegistry(path, IdColumnName);
        var tags = new TagDictionary(options.WeightColumn);
        var labels = options.LabelColumn is null ? null : new GrowableColumn();
        var weights = options.WeightColumn is null ? null : new GrowableColumn();
        var entries = new SparseEntries();
        bool? hasLabel = options.LabelRequired && labels is not null ? true : null;

        while (reader.TryReadLine(out var line))
        {
            var tokens = new TokenCursor(line, separators);
            if (!tokens.Next(out var token))
            {
                continue;
            }
            var at = reader.LineNumber;
            var row = ids.Count;
            ids.Add(token, at);
            var more = tokens.Next(out token);
            if (labels is not null)
            {
                var looksLikeLabel = more && !token.Contains(TagValueSeparator);
                hasLabel ??= looksLikeLabel;
                if (hasLabel.Value)
                {
                    if (!looksLikeLabel)
                    {
                        throw new DataFormatException(path, at, options.LabelColumn,
                            more ? $"expected the label before the tag:value pairs, found \"{Utf8Field.Preview(token)}\"" : "the label is missing");
                    }
                    labels.Add(CellParser.Label(token, path, at, options.LabelColumn!));
                    more = tokens.Next(out token);
                }
            }
            var weight = double.NaN;
            for (; more; more = tokens.Next(out token))
            {
                var colon = token.IndexOf(TagValueSeparator);
                if (colon <= 0)
                {
                    throw new DataFormatException(path, at, null, colon < 0
                        ? $"expected tag:value, found \"{Utf8Field.Preview(token)}\""
                        : $"\"{Utf8Field.Preview(token)}\" has no tag before ':'");
                }
                var tag = tags.IndexOf(token[..colon]);
                var value = token[(colon + 1)..];
                if (tag == TagDictionary.WeightTag)
                {
                    weight = double.IsNaN(weight)
                        ? CellParser.Weight(value, path, at, options.WeightColumn!)
                        : throw new DataFormatException(path, at, options.WeightColumn, "the weight appears twice in the row");
                    continue;
                }
                if (!entries.Add(row, tag, CellParser.Feature(value, path, at, tags.Name(tag))))
                {
                    throw new DataFormatException(path, at, tags.Name(tag), "the tag appears twice in the row");
                }
            }
            if (weights is not null)
            {
                weights.Add(double.IsNaN(weight) ? throw new DataFormatException(path, at, options.WeightColumn, "the weight is missing") : weight);
            }
        }

        if (ids.Count == 0)
        {
            throw new DataFormatException(path, null, null, "the file is empty");
        }
        var (names, columns) = entries.ToDenseColumns(tags, ids.Count);
        var table = PartyTable.Create(
            IdColumnName, ids.ToArray(), names, columns,
            hasLabel == true ? options.LabelColumn : null, hasLabel == true ? labels!.ToArray() : null,
            options.WeightColumn, weights?.ToArray());
        return (table, reader.Consumed);
    }

    /// <summary>Tag names met so far, each with an index in order of first appearance; looked up without allocating.</summary>
    private sealed class TagDictionary(string? weightTag)
    {
        public const int WeightTag = -1;

        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly List<string> _names = [];
        private char[] _chars = new char[64];

        public int Count => _names.Count;

        public string Name(int tag) => _names[tag];

        public int IndexOf(ReadOnlySpan<byte> utf8)
        {
            if (_chars.Length < utf8.Length)
            {
                _chars = new char[utf8.Length * 2];
            }
            var chars = _chars.AsSpan(0, Encoding.UTF8.GetChars(utf8, _chars));
            if (_index.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(chars, out var known))
            {
                return known;
            }
            var name = chars.ToString();
            var tag = name == weightTag ? WeightTag : _names.Count;
            _index.Add(name, tag);
            if (tag != WeightTag)
            {
                _names.Add(name);
            }
            return tag;
        }
    }

    /// <summary>The (row, tag, value) triples of a sparse file, gathered before the set of tags is known.</summary>
    private sealed class SparseEntries
    {
        private readonly List<int> _rows = [];
        private readonly List<int> _tags = [];
        private readonly GrowableColumn _values = new();
        private readonly List<int> _lastRowOfTag = [];

        /// <summary>Adds one value; false if the row already has this tag.</summary>
        public bool Add(int row, int tag, double value)
        {
            while (_lastRowOfTag.Count <= tag)
            {
                _lastRowOfTag.Add(-1);
            }
            if (_lastRowOfTag[tag] == row)
            {
                return false;
            }
            _lastRowOfTag[tag] = row;
            _rows.Add(row);
            _tags.Add(tag);
            _values.Add(value);
            return true;
        }

        public (string[] Names, double[][] Columns) ToDenseColumns(TagDictionary tags, int rowCount)
        {
            var order = Enumerable.Range(0, tags.Count).OrderBy(tags.Name, NaturalOrder.Instance).ToArray();
            var position = new int[order.Length];
            for (var p = 0; p < order.Length; p++)
            {
                position[order[p]] = p;
            }
            var columns = order.Select(_ => new double[rowCount]).ToArray();
            var values = _values.ToArray();
            for (var e = 0; e < values.Length; e++)
            {
                columns[position[_tags[e]]][_rows[e]] = values[e];
            }
            return (order.Select(tags.Name).ToArray(), columns);
        }
    }
}
