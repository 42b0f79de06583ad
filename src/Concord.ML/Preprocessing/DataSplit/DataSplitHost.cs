using Concord.Data;
using Concord.Federation;
using Concord.Federation.Context;
using static Concord.ML.Preprocessing.DataSplit.DataSplitProtocol;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>
/// A host's role in data_split (see <see cref="DataSplitGuest"/>): it sends a digest of its ids, then either
/// computes the seed's split of them or takes the guest's stratified membership, checked against its own ids.
/// </summary>
public sealed class DataSplitHost(FederationContext ctx)
{
    public async Task<SplitSet[]> RunAsync(PartyTable table, DataSplitOptions options, long seed, CancellationToken ct = default)
    {
        if (!options.HeteroSync)
        {
            return LocalSplit.Of(table, options, seed, ctx.Self);
        }
        var guest = ctx.Roster.Guest;
        await ctx.Guest.Send(IdSet, IdSetDigest.Of(table.Ids), ct).ConfigureAwait(false);
        var membership = await ctx.Guest.Receive(Membership, ct).ConfigureAwait(false);
        if (membership.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped data_split: {reason}", guest);
        }
        if (membership.Train is null)
        {
            return LocalSplit.Of(table, options with { Stratified = false }, seed, ctx.Self);
        }
        var sets = Enumerable.Repeat(SplitSet.None, table.RowCount).ToArray();
        var row = table.Ids.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
        foreach (var (set, ids) in new[] { (SplitSet.Train, membership.Train), (SplitSet.Validate, membership.Validate ?? []), (SplitSet.Test, membership.Test ?? []) })
        {
            foreach (var id in ids)
            {
                if (!row.TryGetValue(id, out var i) || sets[i] != SplitSet.None)
                {
                    throw new FederationException($"party {guest} sent a split membership naming an id this host does not hold, or one id twice", guest);
                }
                sets[i] = set;
            }
        }
        return sets;
    }
}
