using Concord.Flow.Store;

namespace Concord.Flow.Tests.Store;

public sealed class SqliteFlowStoreTests : FlowStoreContract
{
    private readonly TempFolder _folder = new();

    private protected override async Task<IFlowStore> CreateStoreAsync() =>
        await SqliteFlowStore.OpenInAsync(_folder.Path($"party-{Guid.NewGuid():N}"));

    private protected override async Task<IFlowStore> ReopenStoreAsync(IFlowStore store) =>
        await SqliteFlowStore.OpenAsync(((SqliteFlowStore)store).Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }

    [Fact]
    public async Task The_default_store_is_flow_db_in_the_party_home()
    {
        var home = _folder.Path("home");
        using var store = await FlowStore.OpenAsync(home, postgresConnectionString: null);
        var sqlite = Assert.IsType<SqliteFlowStore>(store);
        Assert.Equal(Path.Combine(home, "flow.db"), sqlite.Path);
        Assert.True(File.Exists(sqlite.Path));
        Assert.Contains(sqlite.Path, store.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_is_refused_naming_it()
    {
        var path = _folder.Path("flow.db");
        await File.WriteAllTextAsync(path, "these are not the tables you are looking for, and the file is long enough to have a header");
        var ex = await Assert.ThrowsAsync<FlowStoreException>(() => SqliteFlowStore.OpenAsync(path));
        Assert.Equal(FlowStoreError.Unavailable, ex.Error);
        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
    }
}
