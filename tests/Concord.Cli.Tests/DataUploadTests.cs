using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary><c>concord data upload</c> as a user runs it: a file cut short is refused in one line and leaves nothing behind.</summary>
public sealed class DataUploadTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(2);
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-upload-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Credit => Path.Combine(AppContext.BaseDirectory, "examples", "data", "default_credit_hetero_guest.csv.gz");

    private string Home => Path.Combine(_folder, "home");

    [Fact]
    public async Task The_issue_s_cut_gzip_is_refused_in_one_line_and_the_whole_file_is_stored_with_rows_and_bytes_counted()
    {
        // head -c 300050 default_credit_hetero_guest.csv.gz: once stored as 6,871 of 30,000 rows.
        var cut = Path.Combine(_folder, "t.csv.gz");
        await File.WriteAllBytesAsync(cut, (await File.ReadAllBytesAsync(Credit))[..300_050]);
        var refused = await Upload(cut, "cut");
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal(
            $"error: {cut}: the gzip data ends without its trailer (CRC-32 and length) after 300,050 bytes: the file is cut short or damaged; "
            + "920,242 bytes of text were decompressed and nothing was stored", refused.Stderr.Trim());
        Assert.Empty(Directory.EnumerateFiles(Path.Combine(Home, "party-9999", "tables"), "*", SearchOption.AllDirectories));

        var stored = await Upload(Credit, "whole", "--json");
        Assert.Equal(0, stored.ExitCode);
        using var summary = JsonDocument.Parse(stored.LastLine);
        var root = summary.RootElement;
        Assert.Equal(30_000, root.GetProperty("rows").GetInt32());
        Assert.Equal(new FileInfo(Credit).Length, root.GetProperty("bytesConsumed").GetInt64());
        Assert.Equal(new FileInfo(Credit).Length, root.GetProperty("fileBytes").GetInt64());
        Assert.Equal(4_016_372, root.GetProperty("textBytes").GetInt64());
        Assert.Contains($"read 30,000 rows from {new FileInfo(Credit).Length:N0} of the file's {new FileInfo(Credit).Length:N0} bytes", stored.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_last_line_without_a_line_break_is_refused_unless_the_user_allows_it()
    {
        var file = Path.Combine(_folder, "u.csv");
        await File.WriteAllTextAsync(file, "id,y,x0\n1,0,0.5\n2,1,-0.019");
        var refused = await Upload(file, "u");
        Assert.Equal(1, refused.ExitCode);
        Assert.StartsWith($"error: {file} line 3: the last line does not end with a line break", refused.Stderr, StringComparison.Ordinal);
        Assert.Single(refused.Stderr.Trim().Split('\n'));

        var allowed = await Upload(file, "u", "--allow-unterminated-last-line");
        Assert.Equal(0, allowed.ExitCode);
        Assert.Contains("read 2 rows from 26 of the file's 26 bytes", allowed.Stdout, StringComparison.Ordinal);
    }

    private Task<ConcordProcess.Result> Upload(string file, string name, params string[] more) =>
        ConcordProcess.RunAsync(Timeout, ["data", "upload", "--home", Home, "--party", "9999", "--file", file, "--namespace", "t", "--name", name, .. more]);
}
