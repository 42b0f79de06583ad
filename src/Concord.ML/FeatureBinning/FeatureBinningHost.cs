using Concord.Crypto.Paillier;
using Concord.Crypto.Profiling;
using Concord.Crypto.Vector;
using Concord.Federation;
using Concord.Federation.Context;
using Concord.ML.HeteroLinear;
using static Concord.ML.FeatureBinning.FeatureBinningProtocol;

namespace Concord.ML.FeatureBinning;

/// <summary>
/// A host's role in hetero feature binning (see <see cref="FeatureBinningGuest"/> for the protocol and what leaks): it
/// bins its own columns, sums the guest's label ciphertexts per bin, and gets back the WOE and IV of its bins.
/// </summary>
public sealed class FeatureBinningHost(FederationContext ctx)
{
    public async Task<BinningResult> RunAsync(BinningData data, FeatureBinningOptions options, CancellationToken ct = default)
    {
        var guest = ctx.Roster.Guest;
        LocalBins own;
        try
        {
            using (PhaseTimer.Start(Phase.Plaintext))
            {
                own = LocalBins.Fit(data.Columns, options, $"hetero_feature_binning at party {ctx.Self}", labels: null);
            }
        }
        catch (ArgumentException)
        {
            // The guest is told that, not why: the reason names the host's columns, which the guest must not learn.
            await ctx.Guest.Send(Hello, new([], "its columns cannot be binned (the host's log says why)"), ct).ConfigureAwait(false);
            throw;
        }
        await ctx.Guest.Send(Hello, new(AlignedIds.Digest(data.Ids), null), ct).ConfigureAwait(false);
        var setup = await ctx.Guest.Receive(Setup, ct).ConfigureAwait(false);
        if (setup.Rejection is string reason)
        {
            throw new FederationException($"the guest stopped hetero_feature_binning: {reason}", guest);
        }
        if (setup.Events is < 1 or > 1024)
        {
            throw new FederationException($"party {guest} announced {setup.Events} label events; 1 to 1024 are accepted", guest);
        }
        var key = await ctx.Guest.Receive(PublicKey, ct).ConfigureAwait(false);
        var rows = data.Ids.Count;
        var labels = await ctx.Guest.Receive(EncryptedLabels.Under(key, checked(setup.Events * rows)), ct).ConfigureAwait(false);

        await ctx.Guest.Send(BinCounts, [.. Enumerable.Range(0, own.ColumnCount).Select(own.Counts)], ct).ConfigureAwait(false);
        await ctx.Guest.Send(EncryptedBinSums, SumPerBin(own, labels, setup.Events, rows), ct).ConfigureAwait(false);

        var answer = await ctx.Guest.Receive(BinWoe, ct).ConfigureAwait(false);
        if (answer.Iv.Length != own.ColumnCount || (answer.Woe is { } w && (w.Length != own.ColumnCount || w.Where((bins, c) => bins?.Length != own.BinCount(c)).Any())))
        {
            throw new FederationException($"party {guest} returned WOE/IV for {answer.Iv.Length} columns, not this host's {own.ColumnCount} columns of its bins", guest);
        }
        var party = ctx.Self.ToString();
        var tables = Enumerable.Range(0, own.ColumnCount).Select(c => new BinTable(
            own.Names[c], party, AnonymousColumns.Id(ctx.Self.Id, c), own.Cuts[c], [], [], answer.Woe?[c], null, answer.Iv[c], answer.ClassIvs?[c])).ToList();
        return new BinningResult(own, tables, []);
    }

    /// <summary>
    /// Enc(events per bin) for every event, column and bin: one pass of the histogram kernel per event over all rows,
    /// each row's ciphertext multiplied into its bin of every column; then only real bins are kept, and re-randomised,
    /// so the guest cannot match a bin of one row against the ciphertext it sent for that row.
    /// </summary>
    private static CipherVector SumPerBin(LocalBins own, CipherVector labels, int events, int rows)
    {
        using var timing = PhaseTimer.Start(Phase.Histogram);
        var groups = Enumerable.Range(0, own.ColumnCount).Max(own.BinCount);
        var kept = new List<Ciphertext>();
        for (var k = 0; k < events; k++)
        {
            var elements = Enumerable.Range(k * rows, rows).ToArray();
            var sums = labels.SumByGroup(elements, own.Codes, groups);
            for (var c = 0; c < own.ColumnCount; c++)
            {
                for (var b = 0; b < own.BinCount(c); b++)
                {
                    kept.Add(sums[(c * groups) + b]);
                }
            }
        }
        return CipherVector.FromCiphertexts(labels.PublicKey, kept).Rerandomize();
    }
}
