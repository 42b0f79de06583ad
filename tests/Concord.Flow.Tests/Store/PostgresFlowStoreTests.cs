using Concord.Flow.Store;
using Npgsql;

namespace Concord.Flow.Tests.Store;

/// <summary>Skips the contract, with the reason shown, when this machine has no PostgreSQL server to start.</summary>
public sealed class NeedsPostgresAttribute : BackendAttribute
{
    public override string? UnavailableReason =>
        Environment.GetEnvironmentVariable(PostgresServer.ConnectionVariable) is { Length: > 0 } ? null : PostgresBinaries.UnavailableReason;
}

[NeedsPostgres]
public sealed class PostgresFlowStoreTests(PostgresServer server) : FlowStoreContract, IClassFixture<PostgresServer>
{
    private readonly List<string> _schemas = ["party_9999"];

    /// <summary>Each store gets a schema of its own in the one server the class shares.</summary>
    private protected override async Task<IFlowStore> CreateStoreAsync()
    {
        var schema = $"t_{Guid.NewGuid():N}";
        lock (_schemas)
        {
            _schemas.Add(schema);
        }
        return await PostgresFlowStore.OpenAsync(server.ConnectionString, schema);
    }

    /// <summary>Drops the test's schemas, which matters when CONCORD_TEST_POSTGRES points at a server that outlives the run.</summary>
    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        foreach (var schema in _schemas)
        {
            await using var drop = new NpgsqlCommand($"DROP SCHEMA IF EXISTS {schema} CASCADE", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    private protected override async Task<IFlowStore> ReopenStoreAsync(IFlowStore store) =>
        await PostgresFlowStore.OpenAsync(server.ConnectionString, ((PostgresFlowStore)store).Schema);

    [StoreFact]
    public async Task A_connection_string_selects_the_postgres_store_in_its_search_path()
    {
        using var store = await FlowStore.OpenAsync("/nonexistent/home", $"{server.ConnectionString};Search Path=party_9999");
        var postgres = Assert.IsType<PostgresFlowStore>(store);
        Assert.Equal("party_9999", postgres.Schema);
        Assert.Contains("schema party_9999", store.Description, StringComparison.Ordinal);
        Assert.False(Directory.Exists("/nonexistent/home"));
    }

    [StoreFact]
    public async Task A_bad_schema_name_or_an_unreachable_server_is_refused_without_the_password()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => PostgresFlowStore.OpenAsync(server.ConnectionString, "party-9999; DROP TABLE jobs"));
        Assert.Contains("\"party-9999; DROP TABLE jobs\"", ex.Message, StringComparison.Ordinal);

        var closedPort = Concord.Federation.Transport.Http.LoopbackPort.Free();
        var unreachable = await Assert.ThrowsAsync<FlowStoreException>(() =>
            PostgresFlowStore.OpenAsync($"Host=127.0.0.1;Port={closedPort};Username=concord;Password=hunter2;Database=flow;Timeout=3"));
        Assert.Equal(FlowStoreError.Unavailable, unreachable.Error);
        Assert.Contains($"127.0.0.1:{closedPort}/flow schema concord_flow", unreachable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", unreachable.Message, StringComparison.Ordinal);
    }
}
