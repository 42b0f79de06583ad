using Concord.Federation.Parties;
using Concord.Federation.Transport;
using Concord.Flow.Dsl;

namespace Concord.Flow.Node;

/// <summary>Everything one party's node needs to start.</summary>
public sealed record NodeSettings(FederationConfig Config, int PartyId, string PartyHome)
{
    public FederationOptions Federation { get; init; } = new();

    /// <summary>How big a job this node takes on, from any party.</summary>
    public JobLimits JobLimits { get; init; } = new();

    /// <summary>Tasks this node runs at once, over all of its jobs; the rest wait in line.</summary>
    public int MaxRunningTasks { get; init; } = DefaultMaxRunningTasks;

    public const int DefaultMaxRunningTasks = 16;

    /// <summary>The flow store's PostgreSQL server; null keeps it in SQLite in the party's home.</summary>
    public string? PostgresConnectionString { get; init; }

    /// <summary>Copies every message the node's jobs receive, for tests; null (nothing copied) in production.</summary>
    public Concord.Federation.Recording.Transcript? Transcript { get; init; }

    /// <summary>Copies every serving body this node receives from another node (path and bytes), for tests; null in production.</summary>
    public Action<string, byte[]>? ServingDeliveries { get; init; }

    /// <summary>Where governance events (grants, verdicts, sign-ins, refusals) go besides the audit trail.</summary>
    public Governance.IGovernanceEvents GovernanceEvents { get; init; } = Governance.NoGovernanceEvents.Instance;

    /// <summary>How much a predict request may carry and how serving batches requests to the hosts.</summary>
    public Serving.ServingLimits Serving { get; init; } = Concord.Flow.Serving.ServingLimits.Default;

    /// <summary>Whether the node keeps an audit trail; off only to measure what keeping one costs.</summary>
    public bool Audit { get; init; } = true;

    /// <summary>The audit trail signs a checkpoint once this many records have been appended since the last one.</summary>
    public int AuditCheckpointEvery { get; init; } = 1000;

    /// <summary>What the node serves beside its API on the same host, such as the board; none by default.</summary>
    public IReadOnlyList<INodeExtension> Extensions { get; init; } = [];
}
