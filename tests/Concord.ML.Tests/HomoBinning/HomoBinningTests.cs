using Concord.Federation;
using Concord.ML.HomoBinning;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.HomoBinning;

/// <summary>
/// Homo binning's cut points against the plaintext quantiles of the pooled rows (tolerance: none, the protocol is
/// exact), what each party was delivered, the bins each party's rows fall in, and refusals.
/// </summary>
public sealed class HomoBinningTests
{
    /// <summary>Values on a coarse grid (many ties), some negative, some missing; column "sparse" is mostly missing.</summary>
    private static NumericColumns Party(int seed, int rows)
    {
        var random = new Random(seed);
        double Grid() => random.NextDouble() < 0.1 ? double.NaN : Math.Round((random.NextDouble() * 40) - 10, 1);
        return new NumericColumns(["x", "grid", "sparse"], [
            [.. Enumerable.Range(0, rows).Select(_ => Grid())],
            [.. Enumerable.Range(0, rows).Select(_ => (double)random.Next(0, 5))],
            [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble() < 0.9 ? double.NaN : random.NextDouble())],
        ]);
    }

    /// <summary>The plaintext rule: cut k is the ⌈k·n/bins⌉-th smallest value of the union, equal cuts collapsed.</summary>
    private static double[] PlainCuts(IEnumerable<NumericColumns> parties, int column, int bins)
    {
        var pooled = parties.SelectMany(p => p[column].ToArray()).Where(x => !double.IsNaN(x)).Order().ToArray();
        return pooled.Length == 0
            ? []
            : [.. Enumerable.Range(1, bins - 1).Select(k => pooled[(int)Math.Ceiling((double)k * pooled.Length / bins) - 1]).Distinct()];
    }

    [Theory]
    [InlineData(1, 4)]
    [InlineData(2, 10)]
    [InlineData(3, 7)]
    public async Task Cut_points_are_exactly_the_plaintext_quantiles_of_the_union(int seed, int bins)
    {
        NumericColumns[] parties = [Party(seed, 60), Party(seed + 100, 35), Party(seed + 200, 80)];
        var run = HomoBinningFederation.Start(new HomoBinningOptions { BinNum = bins }, parties[0], parties[1], parties[2]);
        Assert.Null(await run.SettleAsync());
        var guest = await run.Guest;
        for (var c = 0; c < 3; c++)
        {
            Assert.Equal(PlainCuts(parties, c, bins), guest.Cuts[c]);
        }
        // Every host ends with the guest's cut points.
        foreach (var host in run.Hosts)
        {
            var cuts = await host;
            Assert.Equal(guest.Columns, cuts.Columns);
            Assert.Equal(guest.Cuts, cuts.Cuts);
        }
    }

    [Fact]
    public async Task A_column_no_party_has_a_value_in_gets_no_cut_and_hosts_may_list_columns_in_another_order()
    {
        var guest = new NumericColumns(["a", "b"], [[1, 2, 3], [double.NaN, double.NaN, double.NaN]]);
        var host = new NumericColumns(["b", "a"], [[double.NaN, double.NaN], [4, 5]]);
        var run = HomoBinningFederation.Start(new HomoBinningOptions { BinNum = 5 }, guest, host);
        Assert.Null(await run.SettleAsync());
        Assert.Equal([[1, 2, 3, 4], []], (await run.Guest).Cuts);
        Assert.Equal(["a", "b"], (await run.Hosts[0]).Columns);
    }

    [Fact]
    public async Task The_guest_receives_only_uniformly_masked_counts_and_hosts_only_probes_and_the_result()
    {
        NumericColumns[] parties = [Party(5, 40), Party(6, 40), Party(7, 40)];
        var run = HomoBinningFederation.Start(new HomoBinningOptions { BinNum = 4 }, parties[0], parties[1], parties[2]);
        var failure = await run.SettleAsync();
        var atGuest = MailboxView.Contents(run.Transcripts[HomoBinningFederation.GuestId], HomoBinningFederation.GuestId);
        foreach (var host in new[] { 10000, 10001 })
        {
            // A plain count is below 2^7 here; a masked one is a uniform ring element, which no bit test tells from noise.
            var masked = atGuest.Where(e => e.Key.From.Id == host && e.Value is UInt128[]).SelectMany(e => (UInt128[])e.Value!).ToList();
            Assert.Equal(3 + (64 * 3 * 3), masked.Count); // counts: 3 columns; ranks: 64 rounds × 3 columns × 3 cuts
            Uniformity.AssertWordsUniform(Uniformity.Words(masked), $"what party {host} sent the guest");
            Assert.DoesNotContain(MailboxView.Contents(run.Transcripts[host], host), e => e.Value is UInt128[]);
        }
        TranscriptAssert.EndOfRun(failure, run.Transcripts, new Dictionary<int, string[]>
        {
            [9999] = ["column_schema", "ecdh_public_key", "masked_counts", "masked_ranks"],
            [10000] = ["schema_verdict", "ecdh_public_key", "quantile_probes", "binning_result"],
            [10001] = ["schema_verdict", "ecdh_public_key", "quantile_probes", "binning_result"],
        });
    }

    [Fact]
    public void Values_fall_in_the_bin_of_the_first_cut_at_or_above_them_and_missing_stays_missing()
    {
        var cuts = new BinCuts(["x", "y"], [[1, 3], [0]]);
        var table = Data.PartyTable.Create("id", ["a", "b", "c", "d", "e"], ["x", "y", "z"], [[0.5, 1, 2, 3, double.NaN], [-1, 0, 1, 0, 0], [7, 7, 7, 7, 7]]);
        var binned = cuts.Transform(table);
        Assert.Equal([0, 0, 1, 1, double.NaN], binned.Column(0).ToArray());
        Assert.Equal([0, 0, 1, 0, 0], binned.Column(1).ToArray());
        Assert.Equal([7, 7, 7, 7, 7], binned.Column(2).ToArray());
        Assert.Equal(cuts.Cuts, BinCuts.FromBytes(cuts.ToBytes(), "model").Cuts);
        var missing = Assert.Throws<ArgumentException>(() => new BinCuts(["w"], [[1]]).Transform(table));
        Assert.Equal("homo_feature_binning: column \"w\" was binned when the model was fitted, and the table has no such column", missing.Message);
    }

    [Fact]
    public async Task A_host_with_other_columns_is_named_and_every_party_stops()
    {
        var guest = new NumericColumns(["a", "b"], [[1, 2], [3, 4]]);
        var host = new NumericColumns(["a", "c"], [[1, 2], [3, 4]]);
        var run = HomoBinningFederation.Start(new HomoBinningOptions(), guest, host);
        // Each party must reach its refusal by itself, not be cancelled when the other fails.
        await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]);
        var atGuest = await Assert.ThrowsAsync<FederationException>(() => run.Guest);
        Assert.Contains("party host:10000 has no column \"b\"", atGuest.Message, StringComparison.Ordinal);
        var atHost = await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
        Assert.StartsWith("the guest stopped homo_feature_binning", atHost.Message, StringComparison.Ordinal);
    }
}
