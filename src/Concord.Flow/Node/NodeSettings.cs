using Concord.Federation.Parties;
using Concord.Federation.Transport;

namespace Concord.Flow.Node;

/// <summary>Everything one party's node needs to start.</summary>
public sealed record NodeSettings(FederationConfig Config, int PartyId, string PartyHome)
{
    public FederationOptions Federation { get; init; } = new();

    /// <summary>The flow store's PostgreSQL server; null keeps it in SQLite in the party's home.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Whether the node keeps an audit trail; off only to measure what keeping one costs.</summary>
    public bool Audit { get; init; } = true;

    /// <summary>The audit trail signs a checkpoint once this many records have been appended since the last one.</summary>
    public int AuditCheckpointEvery { get; init; } = 1000;
}
