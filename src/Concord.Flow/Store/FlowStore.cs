namespace Concord.Flow.Store;

/// <summary>Opens the store a party's node is configured for.</summary>
public static class FlowStore
{
    /// <summary>
    /// The PostgreSQL store when a connection string is given, otherwise the SQLite store in the party's home
    /// (<c>flow.db</c>).
    /// </summary>
    public static async Task<IFlowStore> OpenAsync(string partyHome, string? postgresConnectionString, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(postgresConnectionString)
            ? await SqliteFlowStore.OpenInAsync(partyHome, ct).ConfigureAwait(false)
            : await PostgresFlowStore.OpenAsync(postgresConnectionString, ct: ct).ConfigureAwait(false);
}
