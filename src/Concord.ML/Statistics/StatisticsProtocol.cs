using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.Statistics;

/// <summary>The messages of federated statistics, in the order they flow, and who takes part.</summary>
internal static class StatisticsProtocol
{
    /// <summary>Host → guest: the host's column names (not private), or why its data cannot take part.</summary>
    public static readonly Tag<HostColumns> ColumnSchema = new("column_schema");

    /// <summary>Guest → hosts: the column order everyone uses, or why the run stops.</summary>
    public static readonly Tag<ColumnVerdict> SchemaVerdict = new("schema_verdict");

    /// <summary>Every party → guest: per column [count, missing, Σx, Σx²] in Z_2^256 (two limbs each), masked.</summary>
    public static readonly Tag<UInt128[]> MaskedMoments = new("masked_moments");

    /// <summary>Guest → hosts, each bisection round: a min probe per column, then a max probe per column, as sortable keys.</summary>
    public static readonly Tag<ulong[]> ExtremeProbes = new("extreme_probes");

    /// <summary>Every party → guest, each round: per probe a masked 0/1, "I have a value at or beyond it"; they sum to counts.</summary>
    public static readonly Tag<UInt128[]> MaskedProbeCounts = new("masked_probe_counts");

    /// <summary>The guest and every host hold data; an arbiter, if the job has one, takes no part.</summary>
    public static IReadOnlyList<PartyRef> Participants(FederationContext ctx) => [ctx.Roster.Guest, .. ctx.Roster.Hosts];
}

/// <summary>A host's column names, or the problem that keeps its data out (e.g. a value too large for the ring).</summary>
internal sealed record HostColumns(string[] Columns, string? Problem);

/// <summary>The column order every party uses, or why the guest stopped the run.</summary>
internal sealed record ColumnVerdict(string[] Columns, string? Rejection);
