using Concord.Federation.Context;
using Concord.Federation.Messaging;
using Concord.Federation.Parties;

namespace Concord.ML.Statistics;

/// <summary>
/// Statistics for vertically split data (same rows, different columns at each party): each party summarises its own
/// columns locally and keeps the result. Nothing crosses the wire unless the job names statistics in reveal_to_guest;
/// then each host sends the guest exactly those, for its columns under anonymous names ("host_10000_0"), and nothing else.
/// </summary>
public static class VerticalStatistics
{
    /// <summary>Host → guest, only when the job asks: the asked statistics of each host column, anonymous.</summary>
    internal static readonly Tag<ColumnSummary[]> Revealed = new("revealed_statistics");

    /// <summary>Refuses, naming it, a statistic reveal_to_guest spells wrong.</summary>
    public static void Validate(StatisticsOptions options)
    {
        if (options.RevealToGuest.FirstOrDefault(s => !ColumnSummary.Statistics.Contains(s)) is string unknown)
        {
            throw new ArgumentException($"reveal_to_guest: \"{unknown}\" is not a statistic; expected some of {string.Join(", ", ColumnSummary.Statistics)}");
        }
    }

    public static ColumnSummary[] Summarise(NumericColumns columns) =>
        [.. columns.Names.Select((name, c) => ColumnSummary.Of(name, columns[c]))];

    /// <summary>The guest's own summaries, and per host what it revealed (nothing, by default).</summary>
    public static async Task<VerticalStatisticsResult> GuestAsync(FederationContext ctx, NumericColumns own, StatisticsOptions options, CancellationToken ct = default)
    {
        Validate(options);
        var local = Summarise(own);
        if (options.RevealToGuest.Count == 0)
        {
            return new VerticalStatisticsResult(local, []);
        }
        var revealed = await ctx.Hosts.ReceiveAll(Revealed, ct).ConfigureAwait(false);
        return new VerticalStatisticsResult(local, [.. ctx.Roster.Hosts.Zip(revealed, (host, columns) => new RevealedColumns(host.Id, columns))]);
    }

    /// <summary>The host's own summaries; it sends the guest only the statistics the job names.</summary>
    public static async Task<VerticalStatisticsResult> HostAsync(FederationContext ctx, NumericColumns own, StatisticsOptions options, CancellationToken ct = default)
    {
        Validate(options);
        var local = Summarise(own);
        if (options.RevealToGuest.Count > 0)
        {
            var self = ctx.Self;
            await ctx.Guest.Send(Revealed, [.. local.Select((s, c) => s.Only(options.RevealToGuest, Anonymous(self, c)))], ct).ConfigureAwait(false);
        }
        return new VerticalStatisticsResult(local, []);
    }

    private static string Anonymous(PartyRef party, int column) => $"host_{party.Id}_{column}";
}

/// <summary>A party's summaries of its own columns, and at the guest what each host revealed.</summary>
public sealed record VerticalStatisticsResult(ColumnSummary[] Columns, RevealedColumns[] Hosts);

/// <summary>What one host revealed to the guest, its columns anonymous.</summary>
public sealed record RevealedColumns(int Party, ColumnSummary[] Columns);
