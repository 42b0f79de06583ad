using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.Checkpoints;
using Concord.ML.Runtime;
using Concord.ML.SecureAggregation;
using static Concord.ML.Statistics.StatisticsProtocol;

namespace Concord.ML.Statistics;

/// <summary>
/// A host's role in federated statistics: it contributes its rows, sends only its column names, masked sums and
/// masked probe answers, and learns no result. See <see cref="StatisticsGuest"/> for the protocol and its leakage.
/// </summary>
public sealed class StatisticsHost(FederationContext ctx, ICheckpoints? checkpoints = null)
{
    public async Task RunAsync(NumericColumns local, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        LocalSummary summary;
        try
        {
            summary = LocalSummary.Of(local);
        }
        catch (FixedPointOverflowException ex)
        {
            await ctx.Guest.Send(ColumnSchema, new([.. local.Names], ex.Redacted), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Guest.Send(ColumnSchema, new([.. local.Names], null), ct).ConfigureAwait(false);
        var verdict = await ctx.Guest.Receive(SchemaVerdict, ct).ConfigureAwait(false);
        if (verdict.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped the statistics run: {reason}", guest);
        }
        if (!verdict.Columns.SequenceEqual(local.Names))
        {
            summary = LocalSummary.Of(local.Select(verdict.Columns));
        }

        using var masks = await KeyExchange.RunAsync(ctx, Participants(ctx), ct).ConfigureAwait(false);
        var contributor = new SecureSumContributor(masks, guest);
        await foreach (var round in ctx.Rounds(ExtremeSearch.Rounds, checkpoints, [], start: token =>
            contributor.ContributeAsync(ctx, MaskedMoments, summary.Moments, ColumnMoments.Limbs, token), ct).ConfigureAwait(false))
        {
            var probes = await round.Guest.Receive(ExtremeProbes, ct).ConfigureAwait(false);
            if (probes.Length != summary.Extremes.ProbeCount)
            {
                throw new FederationException($"party {guest} sent {probes.Length} \"{ExtremeProbes.Name}\" for {summary.Extremes.ProbeCount / 2} columns", guest);
            }
            await contributor.ContributeAsync(round, MaskedProbeCounts, summary.Extremes.Answer(probes), ct: ct).ConfigureAwait(false);
        }
    }
}
