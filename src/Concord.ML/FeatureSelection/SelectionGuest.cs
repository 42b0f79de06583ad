using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.FeatureBinning;
using static Concord.ML.FeatureSelection.SelectionProtocol;

namespace Concord.ML.FeatureSelection;

/// <summary>
/// The guest's role in hetero feature selection. It filters its own columns (statistics, manual lists, IV), decides
/// the IV filters for every host column it knows by anonymous id only, tells each host alone which of that host's
/// anonymous columns the IV filters dropped, and hears back which anonymous ids survived the host's own filters.
/// </summary>
/// <remarks>
/// What crosses the wire: guest → host, the anonymous ids of that host's columns the IV filters dropped (nothing
/// about the guest's or another host's columns); host → guest, the anonymous ids of the host's surviving columns.
/// The guest never learns a host column's name or statistics, and a host never learns an IV (FATE's hetero
/// selection shares the same). Hosts learn nothing from one another.
/// </remarks>
public sealed class SelectionGuest(FederationContext ctx)
{
    public async Task<SelectionModel> RunAsync(NumericColumns local, SelectionOptions options, BinningSummary? summary, CancellationToken ct = default)
    {
        LocalSelection own;
        Dictionary<string, string> ivDropped;
        try
        {
            ivDropped = options.FiltersByIv
                ? IvFilter.Drop(summary ?? throw new ArgumentException("hetero_feature_selection: iv_threshold and iv_top_k need binning_model, a hetero_feature_binning model"), options)
                : [];
            own = ColumnFilters.Apply(local.Names, j => local[j].ToArray(), options, ivDropped);
            if (own.Kept.Count == 0)
            {
                throw new ArgumentException($"hetero_feature_selection: party {ctx.Self} would keep no column after filter {ColumnFilters.Blame(own)}");
            }
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(HostIvVerdict, new([], ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        foreach (var host in ctx.Hosts.Members)
        {
            var theirs = summary?.Columns.Where(c => c.Party == host.ToString()).Select(c => c.Column).ToHashSet() ?? [];
            var verdict = ivDropped.Where(d => theirs.Contains(d.Key)).ToDictionary(d => d.Key, d => d.Value);
            await ctx.Group([host]).Send(HostIvVerdict, new(verdict, null), ct).ConfigureAwait(false);
        }
        var outcomes = await ctx.Hosts.ReceiveAll(HostSelection, ct).ConfigureAwait(false);
        var hostKept = new Dictionary<string, string[]>();
        foreach (var (host, outcome) in ctx.Hosts.Members.Zip(outcomes))
        {
            hostKept[host.ToString()] = outcome.Problem is string problem
                ? throw new FederationException($"party {host} stopped hetero_feature_selection: {problem}", host)
                : outcome.KeptIds;
        }
        return new SelectionModel([.. own.Kept], new(own.DroppedBy), hostKept);
    }
}
