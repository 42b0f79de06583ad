using System.Globalization;
using System.IO.Compression;

namespace Concord.Data.Tests;

/// <summary>
/// An independent, deliberately simple reading of a clean dense file (string.Split and double.Parse), the
/// oracle the fast reader is checked against.
/// </summary>
internal sealed record NaiveCsv(string[] Header, List<string[]> Rows)
{
    public static NaiveCsv Load(string path)
    {
        using var file = File.OpenRead(path);
        using Stream content = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(content);
        var lines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return new NaiveCsv(lines[0].Split(','), lines.Skip(1).Select(l => l.Split(',')).ToList());
    }

    public double Value(int row, string column) =>
        double.Parse(Rows[row][Array.IndexOf(Header, column)], CultureInfo.InvariantCulture);

    /// <summary>Asserts that a table read from the same file holds exactly these rows and columns.</summary>
    public void AssertSameAs(PartyTable table, string? label)
    {
        Assert.Equal(Rows.Count, table.RowCount);
        Assert.Equal(Header.Where(h => h != Header[0] && h != label), table.Schema.FeatureNames);
        Assert.Equal(label, table.Schema.LabelName);
        for (var i = 0; i < Rows.Count; i++)
        {
            Assert.Equal(Rows[i][0], table.Ids[i]);
            if (label is not null)
            {
                Assert.Equal(Value(i, label), table.Labels![i]);
            }
            for (var j = 0; j < table.FeatureCount; j++)
            {
                Assert.Equal(Value(i, table.Schema.Features[j].Name), table[i, j]);
            }
        }
    }
}
