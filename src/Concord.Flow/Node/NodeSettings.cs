using Concord.Federation.Parties;
using Concord.Federation.Transport;

namespace Concord.Flow.Node;

/// <summary>Everything one party's node needs to start.</summary>
public sealed record NodeSettings(FederationConfig Config, int PartyId, string PartyHome)
{
    public FederationOptions Federation { get; init; } = new();

    /// <summary>The flow store's PostgreSQL server; null keeps it in SQLite in the party's home.</summary>
    public string? PostgresConnectionString { get; init; }
}
