using System.Globalization;
using System.IO.Compression;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Concord.Data.Tests;

/// <summary>
/// A file cut short (a failed copy, a full disk, an interrupted download) is refused, never stored as a shorter
/// table: gzip must end with its trailer, and a plain file's last line must end like the others.
/// </summary>
public sealed class TruncatedFileTests : IDisposable
{
    private const int LastKilobyte = 1024;
    private readonly TempDir _dir = new(inMemory: true);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_issue_s_cut_of_default_credit_gz_is_refused_and_nothing_is_stored()
    {
        // head -c 300050 default_credit_hetero_guest.csv.gz: was stored as 6,871 of 30,000 rows, the last value cut.
        var path = Cut(File.ReadAllBytes(ExampleData.PathOf("default_credit_hetero_guest.csv.gz")), 300_050, "t.csv.gz");
        var store = TableStore.Open(Path.Combine(_dir.Path, "home"));

        var e = Assert.Throws<DataFormatException>(() => Upload(store, path, "credit"));
        Assert.Equal(
            $"{path}: the gzip data ends without its trailer (CRC-32 and length) after 300,050 bytes: the file is cut short or damaged; "
            + "920,242 bytes of text were decompressed and nothing was stored", e.Message);
        AssertNothingStored(store);
    }

    [Fact]
    public void The_whole_file_reports_every_row_and_byte_it_consumed()
    {
        var gz = ExampleData.PathOf("default_credit_hetero_guest.csv.gz");
        var (table, consumed) = CsvTableReader.ReadWithSummary(gz);
        Assert.Equal(30_000, table.RowCount);
        Assert.Equal(new SourceBytes(new FileInfo(gz).Length, 4_016_372, Gzip: true), consumed);
        var plain = _dir.File("plain.csv", "id,y,x0\n1,0,2\n2,1,3\n");
        Assert.Equal(new SourceBytes(20, 20, Gzip: false), CsvTableReader.ReadWithSummary(plain).Consumed);
        Assert.Equal(new SourceBytes(20, 20, Gzip: false), TagValueTableReader.ReadWithSummary(_dir.File("tv.txt", "a,1,x:2\nb,0,x:3;z:4\n")).Consumed);
    }

    [Theory]
    [InlineData(8, "the gzip data ends without its trailer")]
    [InlineData(4, "the gzip data ends without its trailer")]
    [InlineData(1, "the gzip data ends without its trailer")]
    public void A_gzip_file_without_its_whole_trailer_is_refused(int dropped, string problem)
    {
        var full = Gzip(Encoding.UTF8.GetBytes("id,y,x0\n1,0,2\n2,1,3\n"));
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(Cut(full, full.Length - dropped, "t.csv.gz")));
        Assert.StartsWith(problem, e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupted_crc_is_called_a_crc_mismatch_and_a_corrupted_length_a_length_mismatch()
    {
        var full = Gzip(Encoding.UTF8.GetBytes(string.Concat(Enumerable.Range(0, 2000).Select(i => $"{i},{i % 2},{i * 0.5}\n")).Insert(0, "id,y,x0\n")));
        var crc = (byte[])full.Clone();
        crc[^6] ^= 0x40;
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(Cut(crc, crc.Length, "crc.csv.gz")));
        Assert.Matches("^the gzip CRC-32 in the trailer \\([0-9a-f]{8}\\) does not match the data \\([0-9a-f]{8}\\): the file is damaged$", e.Problem);
        var length = (byte[])full.Clone();
        length[^3] ^= 0x01;
        e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(Cut(length, length.Length, "len.csv.gz")));
        Assert.StartsWith("the gzip trailer gives a length of ", e.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Gzip_members_written_one_after_another_read_as_one_file_but_not_with_the_last_cut_or_junk_after_it()
    {
        var first = Gzip(Encoding.UTF8.GetBytes("id,y,x0\n1,0,2\n"));
        var second = Gzip(Encoding.UTF8.GetBytes("2,1,3\n3,0,4\n"));
        var both = first.Concat(second).ToArray();
        Assert.Equal(["1", "2", "3"], CsvTableReader.Read(Cut(both, both.Length, "two.csv.gz")).Ids);
        Assert.Throws<DataFormatException>(() => CsvTableReader.Read(Cut(both, both.Length - 3, "two-cut.csv.gz")));
        var junk = both.Concat("junk"u8.ToArray()).ToArray();
        Assert.Throws<DataFormatException>(() => CsvTableReader.Read(Cut(junk, junk.Length, "junk.csv.gz")));
    }

    [Theory]
    [InlineData("id,y,x0\n1,0,2\n2,1,3")]
    [InlineData("id,y,x0\r\n1,0,2\r\n2,1,3")]
    public void A_last_line_without_its_line_break_is_refused_unless_allowed(string content)
    {
        var path = _dir.File("u.csv", content);
        var e = Assert.Throws<DataFormatException>(() => CsvTableReader.Read(path));
        Assert.Equal(3L, e.Line);
        Assert.StartsWith("the last line does not end with a line break as the others do", e.Problem, StringComparison.Ordinal);
        Assert.Equal(2, CsvTableReader.Read(path, new CsvReadOptions { AllowUnterminatedLastLine = true }).RowCount);
        Assert.Throws<DataFormatException>(() => TagValueTableReader.Read(_dir.File("u.txt", "a,1,x:2\nb,0,x:3")));
        Assert.Equal(2, TagValueTableReader.Read(_dir.File("u2.txt", "a,1,x:2\nb,0,x:3"), new CsvReadOptions { AllowUnterminatedLastLine = true }).RowCount);
        // Trailing blanks after the last line break are not a row, cut or not.
        Assert.Equal(2, CsvTableReader.Read(_dir.File("b.csv", "id,y,x0\n1,0,2\n2,1,3\n  ")).RowCount);
    }

    [Fact]
    public void Cutting_a_file_anywhere_in_its_last_kilobyte_stores_all_of_it_or_nothing()
    {
        var tables =
            from rows in Gen.Choose(30, 80)
            from features in Gen.Choose(1, 5)
            from seed in Gen.Choose(0, int.MaxValue)
            select (rows, features, seed);
        Prop.ForAll(tables.ToArbitrary(), shape =>
        {
            var text = Encoding.UTF8.GetBytes(Csv(shape.rows, shape.features, new Random(shape.seed)));
            var gzip = Gzip(text);
            var whole = CsvTableReader.Read(Cut(text, text.Length, "whole.csv"));
            var store = TableStore.Open(Path.Combine(_dir.Path, $"home-{shape.seed}"));
            for (var length = Math.Max(0, gzip.Length - LastKilobyte); length < gzip.Length; length++)
            {
                var e = Assert.Throws<DataFormatException>(() => Upload(store, Cut(gzip, length, "cut.csv.gz"), "gz"));
                Assert.DoesNotContain('\n', e.Message);
            }
            for (var length = Math.Max(0, text.Length - LastKilobyte); length < text.Length; length++)
            {
                var path = Cut(text, length, "cut.csv");
                if (length > 0 && text[length - 1] == '\n' && text.AsSpan(0, length).Count((byte)'\n') >= 2)
                {
                    // Cut just after a line break, a plain file is a complete shorter table: nothing can tell them apart,
                    // but what it holds is whole rows only, each as in the uncut file.
                    var shorter = CsvTableReader.Read(path);
                    Assert.Equal(whole.Ids.Take(shorter.RowCount), shorter.Ids);
                    Assert.Equal(TableAssert.Row(whole, shorter.RowCount - 1), TableAssert.Row(shorter, shorter.RowCount - 1));
                }
                else
                {
                    var e = Assert.Throws<DataFormatException>(() => Upload(store, path, "plain"));
                    Assert.DoesNotContain('\n', e.Message);
                }
            }
            AssertNothingStored(store);
            TableAssert.Same(whole, store.Load(Upload(store, Cut(gzip, gzip.Length, "whole.csv.gz"), "whole").Name));
        }).Check(Config.QuickThrowOnFailure.WithMaxTest(4));
    }

    private static TableInfo Upload(TableStore store, string path, string name) =>
        store.Save(new TableName("cut", name), CsvTableReader.Read(path), options: new SaveOptions { SourceFile = path });

    private static void AssertNothingStored(TableStore store)
    {
        Assert.Empty(store.List());
        Assert.Empty(TempDir.FilesUnder(Path.Combine(store.HomeDirectory, TableStore.TablesFolder)));
        Assert.Empty(TempDir.FilesUnder(Path.Combine(store.HomeDirectory, TableStore.StagingFolder)));
    }

    private string Cut(byte[] content, int length, string name)
    {
        var path = Path.Combine(_dir.Path, name);
        File.WriteAllBytes(path, content.AsSpan(0, length).ToArray());
        return path;
    }

    private static byte[] Gzip(byte[] content)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(content);
        }
        return output.ToArray();
    }

    private static string Csv(int rows, int features, Random random)
    {
        var text = new StringBuilder("id,y");
        for (var j = 0; j < features; j++)
        {
            text.Append(CultureInfo.InvariantCulture, $",x{j}");
        }
        text.Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"{i},{random.Next(2)}");
            for (var j = 0; j < features; j++)
            {
                text.Append(CultureInfo.InvariantCulture, $",{Math.Round(random.NextDouble() * 20 - 10, random.Next(7))}");
            }
            text.Append('\n');
        }
        return text.ToString();
    }
}
