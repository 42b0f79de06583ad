using System.Globalization;
using System.Text;

namespace Concord.Data;

/// <summary>
/// A table as CSV (RFC 4180), for a spreadsheet, pandas or <c>concord data upload</c>: a header row from the schema,
/// the id column first, then the label and weight when the table has them, then the features; numbers in their
/// shortest round-trip form; a missing value an empty cell. A label column that held texts is written as its texts.
/// </summary>
public static class CsvTableWriter
{
    public const string MediaType = "text/csv";

    public static async Task WriteAsync(PartyTable table, TextWriter output, CancellationToken ct = default)
    {
        await output.WriteLineAsync(Header(table.Schema).AsMemory(), ct).ConfigureAwait(false);
        var features = new double[table.FeatureCount];
        var line = new StringBuilder();
        for (var row = 0; row < table.RowCount; row++)
        {
            table.CopyRow(row, features);
            line.Clear().Append(Field(table.Ids[row]));
            if (table.Schema.LabelClasses is { } classes)
            {
                line.Append(',').Append(Field(LabelClasses.Show(classes, table.Labels![row])));
            }
            else
            {
                AppendNumber(line, table.Labels?[row]);
            }
            AppendNumber(line, table.Weights?[row]);
            foreach (var value in features)
            {
                AppendNumber(line, value);
            }
            await output.WriteLineAsync(line, ct).ConfigureAwait(false);
        }
    }

    public static string Header(TableSchema schema) =>
        string.Join(',', new[] { schema.IdName, schema.LabelName, schema.WeightName }.OfType<string>().Concat(schema.FeatureNames).Select(Field));

    /// <summary>
    /// One cell: as it is when plain, else in double quotes with each quote doubled, so a comma, quote or line break
    /// inside an id or a column name cannot shift the columns or split the row.
    /// </summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 && value.Trim() == value
            ? value
            : $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    private static void AppendNumber(StringBuilder line, double? value)
    {
        if (value is not double v)
        {
            return;
        }
        line.Append(',');
        if (!double.IsNaN(v))
        {
            line.Append(v.ToString("R", CultureInfo.InvariantCulture));
        }
    }
}
