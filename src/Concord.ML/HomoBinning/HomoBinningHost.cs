using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Runtime;
using Concord.ML.SecureAggregation;
using static Concord.ML.HomoBinning.HomoBinningProtocol;

namespace Concord.ML.HomoBinning;

/// <summary>
/// A host's role in homo feature binning: it sends its column names, masked counts and masked probe answers, and
/// receives the cut points. See <see cref="HomoBinningGuest"/> for the protocol, its guarantee and its leakage.
/// </summary>
public sealed class HomoBinningHost(FederationContext ctx)
{
    public async Task<BinCuts> RunAsync(NumericColumns local, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        await ctx.Guest.Send(ColumnSchema, new([.. local.Names], null), ct).ConfigureAwait(false);
        var verdict = await ctx.Guest.Receive(SchemaVerdict, ct).ConfigureAwait(false);
        if (verdict.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped homo_feature_binning: {reason}", guest);
        }
        var ranks = LocalRanks.Of(local.Select(verdict.Columns));

        using var masks = await KeyExchange.RunAsync(ctx, Participants(ctx), ct).ConfigureAwait(false);
        var contributor = new SecureSumContributor(masks, guest);
        var perColumn = 0;
        await foreach (var round in ctx.Rounds(QuantileSearch.Rounds, null, [], start: token =>
            contributor.ContributeAsync(ctx, MaskedCounts, ranks.Counts(), ct: token), ct).ConfigureAwait(false))
        {
            var probes = await round.Guest.Receive(QuantileProbes, ct).ConfigureAwait(false);
            perColumn = verdict.Columns.Length == 0 ? 0 : probes.Length / verdict.Columns.Length;
            if (perColumn == 0 || probes.Length % verdict.Columns.Length != 0)
            {
                throw new FederationException($"party {guest} sent {probes.Length} \"{QuantileProbes.Name}\" for {verdict.Columns.Length} columns", guest);
            }
            await contributor.ContributeAsync(round, MaskedRanks, ranks.AtOrBelow(probes, perColumn), ct: ct).ConfigureAwait(false);
        }
        var result = await ctx.Guest.Receive(Result, ct).ConfigureAwait(false);
        if (result.Keys.Length != perColumn * verdict.Columns.Length || result.HasValues.Length != verdict.Columns.Length)
        {
            throw new FederationException($"party {guest} sent {result.Keys.Length} cut points for {verdict.Columns.Length} columns of {perColumn}", guest);
        }
        // In the guest's column order; the model names each column, so the host's own order does not matter.
        return new BinCuts(verdict.Columns, QuantileSearch.Cuts(result.Keys, [.. result.HasValues.Select(h => h ? UInt128.One : UInt128.Zero)], perColumn));
    }
}
