using System.IO.Compression;
using System.Text;

namespace Concord.Data.Tests;

public sealed class CsvTableReaderTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("breast_hetero_guest.csv", "y")]
    [InlineData("breast_hetero_host.csv", null)]
    [InlineData("breast_homo_guest.csv", "y")]
    [InlineData("breast_homo_host.csv", "y")]
    [InlineData("breast_homo_test.csv", "y")]
    [InlineData("student_homo_guest.csv", "y")]
    [InlineData("student_homo_host.csv", "y")]
    [InlineData("default_credit_hetero_host.csv.gz", null)]
    [InlineData("default_credit_homo_test.csv.gz", "y")]
    public void Example_files_read_cell_for_cell_as_a_naive_parser_reads_them(string file, string? label)
    {
        var path = ExampleData.PathOf(file);
        var table = CsvTableReader.Read(path, new CsvReadOptions { LabelColumn = label });
        NaiveCsv.Load(path).AssertSameAs(table, label);
    }

    [Fact]
    public void Breast_guest_has_the_documented_shape_and_binary_labels()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"));
        Assert.Equal(569, table.RowCount);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"x{i}"), table.Schema.FeatureNames);
        Assert.Equal("id", table.Schema.IdName);
        Assert.Equal("133", table.Ids[0]);
        Assert.Equal(0.254879, table[0, 0]);
        Assert.Equal([0.0, 1.0], table.Labels!.Distinct().Order());
        Assert.All(table.Schema.Features, f => Assert.Equal(FeatureKind.Real, f.Kind));
    }

    [Fact]
    public void Default_credit_guest_reads_all_30000_rows_from_gzip()
    {
        var table = CsvTableReader.Read(ExampleData.PathOf("default_credit_hetero_guest.csv.gz"));
        Assert.Equal(30_000, table.RowCount);
        Assert.Equal(13, table.FeatureCount);
        Assert.Equal("25115", table.Ids[0]);
        Assert.Equal(-1.486041, table[0, 0]);
        Assert.Equal(1.0, table.Labels![0]);
    }

    [Fact]
    public void A_label_that_is_not_required_is_taken_when_present_and_skipped_when_absent()
    {
        var optional = new CsvReadOptions { LabelRequired = false };
        Assert.Equal("y", CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"), optional).Schema.LabelName);
        var host = CsvTableReader.Read(ExampleData.PathOf("breast_hetero_host.csv"), optional);
        Assert.Null(host.Labels);
        Assert.Equal(20, host.FeatureCount);
    }

    [Fact]
    public void Missing_value_tokens_become_NaN_in_any_case_and_everything_else_parses()
    {
        var path = _dir.File("missing.csv", "id,y,a,b,c,d,e,f,g\n1,0,,NA,NaN,null,None,nan,1.5\n2,1, 2 ,na,NULL,none,-3e2,+4,.5\n");
        var table = CsvTableReader.Read(path);
        Assert.Equal([double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, 1.5], TableAssert.Row(table, 0));
        Assert.Equal([2, double.NaN, double.NaN, double.NaN, -300, 4, 0.5], TableAssert.Row(table, 1));
    }

    [Fact]
    public void Weights_come_from_the_named_column_and_the_id_can_be_anywhere()
    {
        var path = _dir.File("w.csv", "x0,sid,w,label\n1.5,a,0.25,1\n2.5,b,2,0\n");
        var table = CsvTableReader.Read(path, new CsvReadOptions { IdColumn = 1, LabelColumn = "label", WeightColumn = "w" });
        Assert.Equal(["a", "b"], table.Ids);
        Assert.Equal("sid", table.Schema.IdName);
        Assert.Equal("w", table.Schema.WeightName);
        Assert.Equal([0.25, 2.0], table.Weights!);
        Assert.Equal([1.0, 0.0], table.Labels!);
        Assert.Equal(["x0"], table.Schema.FeatureNames);
        Assert.Equal([1.5, 2.5], table.Column(0).ToArray());
    }

    [Fact]
    public void Crlf_endings_a_byte_order_mark_quotes_padding_and_blank_lines_are_tolerated()
    {
        var path = Path.Combine(_dir.Path, "messy.csv");
        File.WriteAllText(path, "\"id\" , \"y\",\"x,0\"\r\n\r\n\"a \"\"1\"\"\" ,1, \"2.5\"\r\n  \r\nb,0,3\r\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var table = CsvTableReader.Read(path);
        Assert.Equal("id", table.Schema.IdName);
        Assert.Equal(["x,0"], table.Schema.FeatureNames);
        Assert.Equal(["a \"1\"", "b"], table.Ids);
        Assert.Equal([2.5, 3.0], table.Column(0).ToArray());
    }

    [Fact]
    public void Other_delimiters_work_when_named()
    {
        var path = _dir.File("semi.csv", "id;y;x0\n1;0;1.5\n");
        var table = CsvTableReader.Read(path, new CsvReadOptions { Delimiter = ';' });
        Assert.Equal(1.5, table[0, 0]);
        var tabs = CsvTableReader.Read(_dir.File("tab.tsv", "id\ty\tx0\n1\t0\t2\n"), new CsvReadOptions { Delimiter = '\t' });
        Assert.Equal(2.0, tabs[0, 0]);
    }

    [Fact]
    public void Gzip_and_plain_copies_of_a_file_read_the_same()
    {
        var plain = ExampleData.PathOf("student_homo_guest.csv");
        var gz = Path.Combine(_dir.Path, "student.csv.gz");
        using (var output = new GZipStream(File.Create(gz), CompressionLevel.Fastest))
        {
            output.Write(File.ReadAllBytes(plain));
        }
        TableAssert.Same(CsvTableReader.Read(plain), CsvTableReader.Read(gz));
    }

    [Fact]
    public void Progress_counts_bytes_up_to_the_file_size()
    {
        var path = ExampleData.PathOf("breast_hetero_host.csv");
        var reports = new List<long>();
        CsvTableReader.Read(path, new CsvReadOptions { LabelColumn = null }, new ListProgress(reports));
        Assert.NotEmpty(reports);
        Assert.Equal(new FileInfo(path).Length, reports[^1]);
        Assert.Equal(reports.Order(), reports);
    }

    [Fact]
    public void Feature_kinds_are_inferred_from_the_values()
    {
        var table = CsvTableReader.Read(_dir.File("kinds.csv", "id,flag,count,real,gap\n1,0,3,0.5,\n2,1,-7,2,1\n3,1,0,1,0\n"),
            new CsvReadOptions { LabelColumn = null });
        Assert.Equal([FeatureKind.Binary, FeatureKind.Integer, FeatureKind.Real, FeatureKind.Binary],
            table.Schema.Features.Select(f => f.Kind));
    }

    [Fact]
    public void Cancellation_stops_a_read()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            CsvTableReader.Read(ExampleData.PathOf("breast_hetero_guest.csv"), cancellationToken: cancelled.Token));
    }
}
