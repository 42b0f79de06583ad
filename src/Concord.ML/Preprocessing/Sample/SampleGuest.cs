using Concord.Data;
using Concord.Federation.Context;
using static Concord.ML.Preprocessing.Sample.SampleProtocol;

namespace Concord.ML.Preprocessing.Sample;

/// <summary>
/// The guest's role in a synchronized sample: it draws from its rows (per label when asked) and sends every host the
/// ids drawn, in order, so that all parties keep the same rows. A host learns which of its rows were drawn and how
/// often. With label_frac that says something of the label: a row drawn twice, or a row of a class kept whole while
/// others were thinned, belongs to a class the job chose to up- or down-sample. Uniform frac or n reveals nothing
/// about the label.
/// </summary>
public sealed class SampleGuest(FederationContext ctx)
{
    public async Task<PartyTable> RunAsync(PartyTable table, SampleOptions options, long seed, CancellationToken ct = default)
    {
        if (!options.HeteroSync || ctx.Hosts.Count == 0)
        {
            return LocalSample.Of(table, options, seed);
        }
        int[] rows;
        PartyTable sampled;
        try
        {
            rows = options.Method == SampleMethod.Smote
                ? throw new ArgumentException(SamplePlan.SmoteInVertical)
                : SamplePlan.Of(table, options, seed);
            sampled = Take(table, rows);
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(Draw, new SampleDraw(ex.Message, null), ct).ConfigureAwait(false);
            throw;
        }
        // The original ids, repeats included, in output order: each host renames repeats exactly as Take did here.
        await ctx.Hosts.Send(Draw, new SampleDraw(null, [.. rows.Select(i => table.Ids[i])]), ct).ConfigureAwait(false);
        return sampled;
    }
}
