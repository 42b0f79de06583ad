using System.Globalization;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.FeatureBinning;
using static Concord.ML.FeatureSelection.SelectionProtocol;

namespace Concord.ML.FeatureSelection;

/// <summary>
/// A host's role in hetero feature selection: it applies the guest's IV verdict on its anonymous columns and its own
/// filters on its own columns, and tells the guest only the anonymous ids that survive. See <see cref="SelectionGuest"/>.
/// </summary>
public sealed class SelectionHost(FederationContext ctx)
{
    public async Task<SelectionModel> RunAsync(NumericColumns local, SelectionOptions options, BinningSummary? summary, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        var verdict = await ctx.Guest.Receive(HostIvVerdict, ct).ConfigureAwait(false);
        if (verdict.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped hetero_feature_selection: {reason}", guest);
        }
        // The guest knows a binned column by the binning's anonymous id; without a binning, every column by its position
        // here. A column the binning skipped gets an id of another form, so it cannot collide with a binned one.
        var self = ctx.Self.Id.ToString(CultureInfo.InvariantCulture);
        var ids = local.Names.Select((name, j) => summary is null ? AnonymousColumns.Id(self, j)
            : summary.Columns.FirstOrDefault(c => c.Column == name)?.AnonymousId ?? $"host_{self}_unbinned{j}").ToList();
        var ivDropped = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, filter) in verdict.DroppedBy)
        {
            var j = ids.IndexOf(id);
            ivDropped[j >= 0 ? local.Names[j] : throw new FederationException($"party {guest} dropped column \"{id}\", which party {ctx.Self} does not have", guest)] = filter;
        }
        LocalSelection own;
        try
        {
            own = ColumnFilters.Apply(local.Names, j => local[j].ToArray(), options, ivDropped);
            if (own.Kept.Count == 0)
            {
                throw new ArgumentException($"hetero_feature_selection: party {ctx.Self} would keep no column after filter {ColumnFilters.Blame(own)}");
            }
        }
        catch (ArgumentException ex)
        {
            await ctx.Guest.Send(HostSelection, new([], ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Guest.Send(HostSelection, new([.. own.Kept.Select(name => ids[local.Names.ToList().IndexOf(name)])], null), ct).ConfigureAwait(false);
        return new SelectionModel([.. own.Kept], new(own.DroppedBy), null);
    }
}
