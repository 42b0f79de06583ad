using System.Text.Json;

namespace Concord.Cli.Tests;

/// <summary><c>concord data list|show --json</c>: what a script reads instead of scraping the tables.</summary>
public sealed class DataJsonTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(1);
    private readonly string _folder = Directory.CreateTempSubdirectory("concord-data-json-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Home => Path.Combine(_folder, "home");

    [Fact]
    public async Task List_and_show_print_the_stored_table_as_json_with_missing_values_null()
    {
        var file = Path.Combine(_folder, "t.csv");
        await File.WriteAllTextAsync(file, "id,y,x0,x1\n\"a,1\",1,0.5,2\nb,0,,4\nc,1,1.5,6\n");
        await Concord("data", "upload", "--party", "9999", "--file", file, "--namespace", "exp", "--name", "small");

        using (var list = await Json("data", "list"))
        {
            var party = Assert.Single(list.RootElement.GetProperty("parties").EnumerateArray());
            Assert.Equal("9999", party.GetProperty("party").GetString());
            var table = Assert.Single(party.GetProperty("tables").EnumerateArray());
            Assert.Equal(("exp", "small", 3, 2, "y"), (table.GetProperty("namespace").GetString(), table.GetProperty("name").GetString(),
                table.GetProperty("rows").GetInt32(), table.GetProperty("features").GetInt32(), table.GetProperty("label").GetString()));
            Assert.Equal(JsonValueKind.Null, table.GetProperty("weight").ValueKind);
        }
        using var show = await Json("data", "show", "exp", "small", "--party", "9999", "--rows", "2");
        var root = show.RootElement;
        Assert.Equal((3, "id"), (root.GetProperty("rows").GetInt32(), root.GetProperty("id").GetString()));
        var label = root.GetProperty("label");
        Assert.Equal("y", label.GetProperty("name").GetString());
        Assert.Equal([(0.0, 1), (1.0, 2)], label.GetProperty("counts").EnumerateArray().Select(c => (c.GetProperty("value").GetDouble(), c.GetProperty("count").GetInt32())));
        var x0 = root.GetProperty("features")[0];
        Assert.Equal(("x0", 1, 0.5, 1.0, 1.5), (x0.GetProperty("name").GetString(), x0.GetProperty("missing").GetInt32(),
            x0.GetProperty("min").GetDouble(), x0.GetProperty("mean").GetDouble(), x0.GetProperty("max").GetDouble()));
        var first = root.GetProperty("firstRows");
        Assert.Equal(["id", "y", "x0", "x1"], first.GetProperty("columns").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, first.GetProperty("rows").GetArrayLength());
        Assert.Equal("a,1", first.GetProperty("rows")[0][0].GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("rows")[1][2].ValueKind);
        Assert.Equal(4.0, first.GetProperty("rows")[1][3].GetDouble());
    }

    [Fact]
    public async Task List_of_an_empty_root_is_an_empty_json_list()
    {
        using var list = await Json("data", "list");
        Assert.Equal(0, list.RootElement.GetProperty("parties").GetArrayLength());
    }

    private async Task<JsonDocument> Json(params string[] arguments) => JsonDocument.Parse((await Concord([.. arguments, "--json"])).LastLine);

    private async Task<ConcordProcess.Result> Concord(params string[] arguments)
    {
        var result = await ConcordProcess.RunAsync(Timeout, [.. arguments, "--home", Home]);
        Assert.True(result.ExitCode == 0, $"concord {string.Join(' ', arguments)}: {result.Stderr}");
        return result;
    }
}
