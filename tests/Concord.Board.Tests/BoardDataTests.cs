using System.Net;
using System.Text.RegularExpressions;
using Concord.Data;

namespace Concord.Board.Tests;

/// <summary>The data pages: this party's tables and a bounded, encoded preview.</summary>
public sealed partial class BoardDataTests : IAsyncLifetime
{
    private const string Hostile = "<script>alert(1)</script>";
    private BoardNodes _nodes = default!;

    public async Task InitializeAsync() => _nodes = await BoardNodes.StartAsync();

    public async Task DisposeAsync() => await _nodes.DisposeAsync();

    [Fact]
    public async Task A_table_preview_shows_at_most_a_hundred_rows_and_encodes_what_the_user_named()
    {
        var ids = Enumerable.Range(0, 250).Select(i => $"id{i}").ToArray();
        var table = PartyTable.Create("id", ids, [Hostile, "x1"], [[.. ids.Select((_, i) => (double)i)], [.. ids.Select(_ => 0.5)]]);
        TableStore.Open(_nodes.GuestHome).Save(new TableName("board", "scripts"), table, options: new SaveOptions { RowsPerPartition = 60 });
        var browser = await _nodes.SignedInAsync();

        var list = await browser.GetStringAsync(BoardPaths.Data);
        var response = await browser.GetAsync(BoardPaths.Table("board", "scripts"));
        var preview = await response.Content.ReadAsStringAsync();

        Assert.Contains($"href=\"{BoardPaths.Table("board", "scripts")}\"", list, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(100, PreviewRow().Matches(preview).Count);
        Assert.Contains("250 rows", preview, StringComparison.Ordinal);
        Assert.DoesNotContain(Hostile, preview, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", preview, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_table_is_a_404_page()
    {
        var browser = await _nodes.SignedInAsync();

        var response = await browser.GetAsync(BoardPaths.Table("board", "missing"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("<th scope=\"row\">id\\d+</th>")]
    private static partial Regex PreviewRow();
}
