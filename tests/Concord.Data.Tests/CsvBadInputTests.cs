namespace Concord.Data.Tests;

/// <summary>Every kind of bad dense input is refused with an error that says where, never read as something else.</summary>
public sealed class CsvBadInputTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_non_numeric_value_names_file_line_and_column()
    {
        var path = _dir.File("x.csv", "id,y,x0,x3\n1,0,1.0,2.0\n2,1,1.5,abc\n");
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));
        Assert.Equal((path, 3L, "x3"), (e.File, e.Line, e.Column));
        Assert.Equal($"{path} line 3, column \"x3\": \"abc\" is not a number", e.Message);
    }

    [Fact]
    public void An_infinite_value_is_refused()
    {
        var e = Read("id,y,x0\n1,0,1e999\n");
        Assert.Equal((2L, "x0"), (e.Line, e.Column));
        Assert.Contains("\"1e999\" is not a finite number", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("id,y,x0,x1\n1,0,1,2\n2,1,3\n", "expected 4 fields as in the header, found 3")]
    [InlineData("id,y,x0,x1\n1,0,1,2\n2,1,3,4,5\n", "expected 4 fields as in the header, found 5")]
    public void A_ragged_row_says_how_many_fields_it_has(string content, string problem)
    {
        var e = Read(content);
        Assert.Equal(3L, e.Line);
        Assert.Null(e.Column);
        Assert.Equal(problem, e.Problem);
    }

    [Fact]
    public void A_duplicate_id_names_both_lines()
    {
        var e = Read("id,y,x0\n7,0,1\n8,1,2\n7,1,3\n");
        Assert.Equal((4L, "id"), (e.Line, e.Column));
        Assert.Equal("duplicate id \"7\" (first seen on line 2)", e.Problem);
    }

    [Fact]
    public void An_empty_id_is_refused()
    {
        var e = Read("id,y,x0\n,0,1\n");
        Assert.Equal((2L, "id", "the id is empty"), (e.Line, e.Column, e.Problem));
    }

    [Fact]
    public void A_requested_label_missing_from_the_header_is_an_error_listing_the_columns()
    {
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(ExampleData.PathOf("breast_hetero_host.csv")));
        Assert.Equal(1L, e.Line);
        Assert.StartsWith("the label column \"y\" is not in the header (id, x0, x1,", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_requested_weight_missing_from_the_header_is_an_error()
    {
        var e = Assert.Throws<DataFormatException>(() =>
            CsvTableReader.Read(_dir.File("x.csv", "id,y,x0\n1,0,1\n"), new CsvReadOptions { WeightColumn = "w" }));
        Assert.Equal("the weight column \"w\" is not in the header (id, y, x0)", e.Problem);
    }

    [Fact]
    public void A_missing_label_value_and_a_negative_weight_are_refused()
    {
        Assert.Equal((2L, "y", "the label is missing"), Parts(Read("id,y,x0\n1,NA,1\n")));
        var e = Assert.Throws<DataFormatException>(() =>
            CsvTableReader.Read(_dir.File("w.csv", "id,y,w\n1,0,-1\n"), new CsvReadOptions { WeightColumn = "w" }));
        Assert.Equal((2L, "w", "the weight -1 is negative"), Parts(e));
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n  \n")]
    public void An_empty_file_is_refused(string content)
    {
        var e = Read(content);
        Assert.Null(e.Line);
        Assert.Equal("the file is empty; expected a header line such as id,y,x0,x1", e.Problem);
    }

    [Fact]
    public void A_header_only_file_is_refused()
    {
        var e = Read("id,y,x0,x1\n");
        Assert.Equal("the file has a header but no data rows", e.Problem);
    }

    [Theory]
    [InlineData("id;y;x0\n1;0;1.5\n", "it looks like ';'-delimited; pass --delimiter ';'")]
    [InlineData("id\ty\tx0\n1\t0\t1.5\n", "it looks like tab-delimited; pass --delimiter '\\t'")]
    public void A_wrong_delimiter_is_recognised_from_the_header(string content, string hint)
    {
        var e = Read(content);
        Assert.Equal(1L, e.Line);
        Assert.EndsWith(hint, e.Problem, StringComparison.Ordinal);
        Assert.StartsWith("the header is one field", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_in_another_delimiter_than_the_header_are_recognised_too()
    {
        var e = Read("id,y,x0\n1;0;1.5\n");
        Assert.Equal("expected 3 fields as in the header, found 1; it looks like ';'-delimited; pass --delimiter ';'", e.Problem);
    }

    [Fact]
    public void Header_problems_are_named()
    {
        Assert.Equal((1L, "x0", "the name appears twice in the header"), Parts(Read("id,y,x0,x0\n1,0,1,2\n")));
        Assert.Equal("column 3 of the header has no name", Read("id,y,,x1\n1,0,1,2\n").Problem);
        Assert.Equal("the header has unbalanced quotes", Read("id,\"y,x0\n1,0,1\n").Problem);
        Assert.Equal("unbalanced quotes", Read("id,y,x0\n1,0,\"1\n").Problem);
    }

    [Fact]
    public void An_id_column_past_the_header_and_a_label_on_the_id_are_refused()
    {
        var path = _dir.File("x.csv", "id,y\n1,0\n");
        Assert.Equal("the id column is number 5 but the header has 2 column(s)",
            Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { IdColumn = 4 })).Problem);
        Assert.Equal("the label column is also the id column",
            Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path, new CsvReadOptions { LabelColumn = "id" })).Problem);
    }

    [Fact]
    public void A_UTF16_file_is_named_as_such()
    {
        var path = Path.Combine(_dir.Path, "u16.csv");
        File.WriteAllText(path, "id,y\n1,0\n", System.Text.Encoding.Unicode);
        Assert.Equal("the file is UTF-16 text; save it as UTF-8", Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path)).Problem);
    }

    [Fact]
    public void A_binary_file_is_called_not_text_rather_than_given_a_delimiter()
    {
        var random = new Random(11);
        var bytes = new byte[100_000];
        random.NextBytes(bytes);
        bytes[0] = (byte)'a';
        var path = Path.Combine(_dir.Path, "random.csv");
        File.WriteAllBytes(path, bytes);
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));
        Assert.StartsWith("the file is not text (a zero byte at offset ", e.Problem, StringComparison.Ordinal);
        Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(path));

        // The same bytes gzipped are judged by what they decompress to.
        var gz = Path.Combine(_dir.Path, "random.csv.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(gz), System.IO.Compression.CompressionLevel.Fastest))
        {
            gzip.Write(bytes);
        }
        Assert.EndsWith("of the decompressed data); expected a CSV or tag:value file, plain or gzip",
            Assert.Throws<DataFormatException>(() => CsvTableReader.Read(gz)).Problem, StringComparison.Ordinal);

        // Random bytes may hold no zero byte; they are still not UTF-8.
        var noZero = bytes.Select(b => b == 0 ? (byte)0xFF : b).ToArray();
        File.WriteAllBytes(path, noZero);
        Assert.StartsWith("the file is not UTF-8 text", Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path)).Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_in_another_encoding_than_utf8_is_named_as_such_and_a_character_cut_by_the_first_block_is_not()
    {
        var path = Path.Combine(_dir.Path, "latin1.csv");
        File.WriteAllBytes(path, System.Text.Encoding.Latin1.GetBytes("id,y,caf\u00e9\n1,0,2\n"));
        Assert.StartsWith("the file is not UTF-8 text", Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path)).Problem, StringComparison.Ordinal);
        // A 2-byte character straddling the 64 KB the reader checks first is fine.
        var header = "id,y," + new string('x', (64 << 10) - 6) + "\u00e9";
        var table = CsvTableReader.Read(_dir.File("long.csv", header + "\n1,0,2\n"));
        Assert.Equal(header[5..], table.Schema.Features[0].Name);
    }

    private DataFormatException Read(string content) =>
        Assert.Throws<DataFormatException>(() => CsvTableReader.Read(_dir.File($"bad-{Guid.NewGuid():N}.csv", content)));

    private static (long?, string?, string) Parts(DataFormatException e) => (e.Line, e.Column, e.Problem);
}
