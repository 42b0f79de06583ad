using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Runtime;
using Concord.ML.SecureAggregation;
using Concord.ML.Statistics;
using static Concord.ML.HomoBinning.HomoBinningProtocol;

namespace Concord.ML.HomoBinning;

/// <summary>
/// The guest's role in homo (horizontal) feature binning: quantile cut points of the union of every party's rows,
/// exact, from secure sums of counts only. The guest aggregates and tells every host the cut points.
/// </summary>
/// <remarks>
/// <para>
/// The protocol, for parties P = guest + hosts:
/// 1. each host sends its column names; the guest answers with the column order, or the reason it stops;
/// 2. ECDH key exchange among P, one seed per pair (<see cref="KeyExchange"/>);
/// 3. one secure sum of each party's count of present values per column: the union's n per column;
/// 4. <see cref="QuantileSearch.Rounds"/> rounds of secure bisection, all cuts at once: the guest sends one probe per
///    cut, each party answers its masked count of values at or below each probe, and the guest learns only the sums;
/// 5. the guest sends the converged cuts; every party bins its own rows.
/// </para>
/// <para>
/// Guarantee: cut k of a column is exactly the ⌈k·n/bin_num⌉-th smallest value of the union (no approximation error),
/// the same as the plaintext lower quantile of the pooled rows; equal cuts collapse, so a column may get fewer bins.
/// </para>
/// <para>
/// What leaks, beyond the cut points (semi-honest parties; the guest does not collude with a host): the guest learns
/// the union's n per column and, per probe, how many of the union's values lie at or below it (64 points of the
/// pooled CDF per cut, on the bisection path); hosts see the probes, which converge on the cut points they receive
/// anyway. With a single host the guest learns that host's counts by subtracting its own: inherent to any two-party
/// sum. With two or more hosts a host's counts stay hidden behind its masks with the other hosts.
/// </para>
/// </remarks>
public sealed class HomoBinningGuest(FederationContext ctx)
{
    public async Task<BinCuts> RunAsync(NumericColumns local, HomoBinningOptions options, CancellationToken ct = default)
    {
        var ranks = LocalRanks.Of(local);
        await AgreeOnColumnsAsync(local.Names, ct).ConfigureAwait(false);

        var parties = Participants(ctx);
        using var masks = await KeyExchange.RunAsync(ctx, parties, ct).ConfigureAwait(false);
        var aggregator = new SecureSumAggregator(masks, ctx.Hosts.Members);
        UInt128[] totals = [];
        QuantileSearch? search = null;
        try
        {
            await foreach (var round in ctx.Rounds(QuantileSearch.Rounds, null, [], start: async token =>
            {
                totals = await aggregator.SumAsync(ctx, MaskedCounts, ranks.Counts(), ct: token).ConfigureAwait(false);
                search = new QuantileSearch(totals, options.BinNum);
            }, ct).ConfigureAwait(false))
            {
                var probes = search!.Probes();
                await round.Hosts.Send(QuantileProbes, probes, ct).ConfigureAwait(false);
                var atOrBelow = await aggregator.SumAsync(round, MaskedRanks, ranks.AtOrBelow(probes, search.CutsPerColumn), ct: ct).ConfigureAwait(false);
                search.Narrow(probes, atOrBelow, totals);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new FederationException($"the secure sums do not add up, so some party did not mask with the agreed seeds: {ex.Message}", inner: ex);
        }
        var keys = search!.Keys();
        await ctx.Hosts.Send(Result, new BinningResult(keys, [.. totals.Select(n => n > 0)]), ct).ConfigureAwait(false);
        return new BinCuts([.. local.Names], QuantileSearch.Cuts(keys, totals, search.CutsPerColumn));
    }

    /// <summary>Every host must have the guest's column names; a host that differs is named, with its first odd column.</summary>
    private async Task AgreeOnColumnsAsync(IReadOnlyList<string> columns, CancellationToken ct)
    {
        var schemas = await ctx.Hosts.ReceiveAll(ColumnSchema, ct).ConfigureAwait(false);
        var problems = ctx.Hosts.Members.Zip(schemas)
            .Select(p => (Host: p.First, Problem: p.Second.Problem is string why ? $"cannot take part: {why}" : ColumnAgreement.Mismatch(columns, p.Second.Columns)))
            .Where(p => p.Problem is not null)
            .ToList();
        if (problems.Count == 0)
        {
            await ctx.Hosts.Send(SchemaVerdict, new([.. columns], null), ct).ConfigureAwait(false);
            return;
        }
        var message = "homo_feature_binning cannot start: " + string.Join("; ", problems.Select(p => $"party {p.Host} {p.Problem}"));
        await ctx.Hosts.Send(SchemaVerdict, new([], message), ct).ConfigureAwait(false);
        throw new FederationException(message, problems[0].Host);
    }
}
