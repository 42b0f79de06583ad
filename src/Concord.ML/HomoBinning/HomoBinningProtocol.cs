using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;
using Concord.ML.Statistics;

namespace Concord.ML.HomoBinning;

/// <summary>The messages of homo feature binning, in the order they flow, and who takes part.</summary>
internal static class HomoBinningProtocol
{
    /// <summary>Host → guest: the host's column names (not private), or why its data cannot take part.</summary>
    public static readonly Tag<HostColumns> ColumnSchema = new("column_schema");

    /// <summary>Guest → hosts: the column order everyone uses, or why the run stops.</summary>
    public static readonly Tag<ColumnVerdict> SchemaVerdict = new("schema_verdict");

    /// <summary>Every party → guest: its count of present values per column, masked.</summary>
    public static readonly Tag<UInt128[]> MaskedCounts = new("masked_counts");

    /// <summary>Guest → hosts, each bisection round: one probe per cut point, column by column, as sortable keys.</summary>
    public static readonly Tag<ulong[]> QuantileProbes = new("quantile_probes");

    /// <summary>Every party → guest, each round: per probe its count of values at or below it, masked.</summary>
    public static readonly Tag<UInt128[]> MaskedRanks = new("masked_ranks");

    /// <summary>Guest → hosts: the converged cut keys and the union's count per column (a column with none has no cuts).</summary>
    public static readonly Tag<BinningResult> Result = new("binning_result");

    /// <summary>The guest and every host hold rows; an arbiter, if the job has one, takes no part.</summary>
    public static IReadOnlyList<PartyRef> Participants(FederationContext ctx) => [ctx.Roster.Guest, .. ctx.Roster.Hosts];
}

/// <summary>The converged cut keys (column-major) and whether each column has any value in the union.</summary>
internal sealed record BinningResult(ulong[] Keys, bool[] HasValues);
