using Concord.Federation;
using Concord.Federation.Context;
using Concord.Federation.Parties;
using Concord.ML.Checkpoints;
using Concord.ML.Runtime;
using Concord.ML.SecureAggregation;
using static Concord.ML.Statistics.StatisticsProtocol;

namespace Concord.ML.Statistics;

/// <summary>
/// The guest's role in federated statistics over horizontally split data (same columns, different rows at each
/// party). The guest holds rows too, aggregates, and is the only party that learns the result: per column the
/// count, missing count, mean, sample variance (n − 1), standard deviation, min and max.
/// </summary>
/// <remarks>
/// <para>
/// The protocol, for parties P = guest + hosts:
/// 1. each host sends its column names; the guest answers every host with the column order, or the reason it stops;
/// 2. ECDH key exchange among P, one seed per pair (<see cref="KeyExchange"/>);
/// 3. one secure sum of [count, missing, Σx, Σx²] per column, exact in Z_2^256 (<see cref="ColumnMoments"/>);
/// 4. <see cref="ExtremeSearch.Rounds"/> rounds of secure bisection for min and max: the guest sends a min and a max
///    probe per column to every host, each party answers a masked 0/1 per probe, and the guest learns only how many
///    parties have a value at or beyond each probe.
/// </para>
/// <para>
/// What leaks, beyond the result (semi-honest parties; the guest does not collude with a host):
/// - the guest learns, per probe, how many parties have a value on each side of it: 64 such counts per column and
///   direction, which place other parties' local extremes coarsely, on the bisection path only;
/// - hosts see the probes, which converge on the global min and max, so they learn those two aggregates as well,
///   and whether each probe had a party beyond it (0 or at least 1, not how many);
/// - with a single host the guest learns that host's sums by subtracting its own: inherent to any two-party sum.
///   With two or more hosts a host's sums stay hidden behind its masks with the other hosts.
/// Column names, row counts per column (as a total) and the number of parties are public.
/// </para>
/// </remarks>
public sealed class StatisticsGuest(FederationContext ctx, ICheckpoints? checkpoints = null)
{
    public async Task<StatisticsResult> RunAsync(NumericColumns local, CancellationToken ct = default)
    {
        LocalSummary summary;
        try
        {
            summary = LocalSummary.Of(local);
        }
        catch (FixedPointOverflowException ex)
        {
            await ctx.Hosts.Send(SchemaVerdict, new([], $"the guest's own data cannot take part: {ex.Redacted}"), ct).ConfigureAwait(false);
            throw;
        }
        await AgreeOnColumnsAsync(local.Names, ct).ConfigureAwait(false);

        var parties = Participants(ctx);
        using var masks = await KeyExchange.RunAsync(ctx, parties, ct).ConfigureAwait(false);
        var aggregator = new SecureSumAggregator(masks, ctx.Hosts.Members);
        var progress = new StatisticsProgress(local.ColumnCount);
        try
        {
            // Every party resumes from the same round, so nobody sends the moments again.
            await foreach (var round in ctx.Rounds(ExtremeSearch.Rounds, checkpoints, [progress], start: async token =>
                progress.Moments = await aggregator.SumAsync(ctx, MaskedMoments, summary.Moments, ColumnMoments.Limbs, token).ConfigureAwait(false), ct).ConfigureAwait(false))
            {
                var probes = progress.Search.Probes();
                await round.Hosts.Send(ExtremeProbes, probes, ct).ConfigureAwait(false);
                var counts = await aggregator.SumAsync(round, MaskedProbeCounts, summary.Extremes.Answer(probes), ct: ct).ConfigureAwait(false);
                progress.Search.Narrow(probes, counts, parties.Count);
            }
            return new StatisticsResult([.. local.Names.Select((name, c) =>
                ColumnMoments.Decode(name, progress.Moments.AsSpan(c * ColumnMoments.PerColumn, ColumnMoments.PerColumn), progress.Search.Min(c), progress.Search.Max(c)))]);
        }
        catch (InvalidDataException ex)
        {
            // Totals that cannot be right (a count above the number of parties, a negative spread) mean the masks did not cancel.
            throw new FederationException($"the secure sums do not add up, so some party did not mask with the agreed seeds: {ex.Message}", inner: ex);
        }
    }

    /// <summary>Parties with different columns hold vertically split data, which horizontal statistics cannot sum.</summary>
    private const string VerticalHint = " (each party has its own columns? then the data is vertically split: set mode: vertical)";

    /// <summary>Every host must have the guest's column names; a host that differs is named, with its first odd column.</summary>
    private async Task AgreeOnColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct)
    {
        var schemas = await ctx.Hosts.ReceiveAll(ColumnSchema, ct).ConfigureAwait(false);
        var problems = new List<(PartyRef Host, string Problem)>();
        foreach (var (host, schema) in ctx.Hosts.Members.Zip(schemas))
        {
            if ((schema.Problem is string p ? $"cannot take part: {p}" : ColumnAgreement.Mismatch(columns, schema.Columns)) is string problem)
            {
                problems.Add((host, problem));
            }
        }
        if (problems.Count == 0)
        {
            await ctx.Hosts.Send(SchemaVerdict, new([.. columns], null), ct).ConfigureAwait(false);
            return;
        }
        var message = "the statistics run cannot start: " + string.Join("; ", problems.Select(p => $"party {p.Host} {p.Problem}"))
            + (schemas.Any(s => s.Problem is null && ColumnAgreement.Mismatch(columns, s.Columns) is not null) ? VerticalHint : "");
        await ctx.Hosts.Send(SchemaVerdict, new([], message), ct).ConfigureAwait(false);
        throw new FederationException(message, problems[0].Host);
    }

}
