using Concord.Data;
using Concord.Federation.Context;
using static Concord.ML.Preprocessing.DataSplit.DataSplitProtocol;

namespace Concord.ML.Preprocessing.DataSplit;

/// <summary>
/// The guest's role in data_split. Unstratified, every party derives the same split from the seed and the ids it
/// shares with the others, so the guest only checks that the hosts hold the same ids (by digest) and says go.
/// Stratified, the split depends on the label, which only the guest has: it computes the split and sends each host
/// the ids of each set. A host learns nothing from that but the split itself: every set keeps the label proportions
/// of the whole, so which set a row is in says nothing about its label beyond them.
/// </summary>
public sealed class DataSplitGuest(FederationContext ctx)
{
    public async Task<SplitSet[]> RunAsync(PartyTable table, DataSplitOptions options, long seed, CancellationToken ct = default)
    {
        if (!options.HeteroSync || ctx.Hosts.Count == 0)
        {
            return LocalSplit.Of(table, options, seed, ctx.Self);
        }
        var digests = await ctx.Hosts.ReceiveAll(IdSet, ct).ConfigureAwait(false);
        SplitSet[] sets;
        try
        {
            CheckSameIds(table, digests);
            sets = LocalSplit.Of(table, options, seed, ctx.Self);
        }
        catch (ArgumentException ex)
        {
            await ctx.Hosts.Send(Membership, new SplitMembership(ex.Message), ct).ConfigureAwait(false);
            throw;
        }
        var membership = options.Stratified
            ? new SplitMembership(null, Ids(table, sets, SplitSet.Train), Ids(table, sets, SplitSet.Validate), Ids(table, sets, SplitSet.Test))
            : new SplitMembership(null);
        await ctx.Hosts.Send(Membership, membership, ct).ConfigureAwait(false);
        return sets;
    }

    private void CheckSameIds(PartyTable table, IReadOnlyList<IdSetDigest> digests)
    {
        var mine = IdSetDigest.Of(table.Ids);
        for (var h = 0; h < digests.Count; h++)
        {
            if (!digests[h].SameAs(mine))
            {
                throw new ArgumentException($"host {ctx.Hosts.Members[h]} holds {digests[h].Rows} rows whose ids are not the guest's {mine.Rows}: intersect with psi first, or set hetero_sync false to split each party on its own");
            }
        }
    }

    private static string[] Ids(PartyTable table, SplitSet[] sets, SplitSet set) =>
        [.. Enumerable.Range(0, sets.Length).Where(i => sets[i] == set).Select(i => table.Ids[i])];
}
