using System.Text;
using Concord.Federation.Parties;
using Concord.ML.Statistics;
using Concord.ML.Tests.HeteroLinear;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.Statistics;

/// <summary>
/// Statistics in vertical mode: each party's summaries against plaintext formulas (tolerance 1e-12 relative), and the
/// transcript: nothing travels by default, exactly the asked statistics under anonymous names when the job asks.
/// </summary>
public class VerticalStatisticsTests
{
    private const int Guest = 9999;
    private const int Host = 10000;

    [Fact]
    public void A_small_column_with_a_missing_value_matches_the_hand_computed_summary()
    {
        var s = ColumnSummary.Of("x", [1, 2, double.NaN, 3, 4]);
        Assert.Equal((4L, 1L, 0.2), (s.Count!.Value, s.MissingCount!.Value, s.MissingRatio!.Value));
        Assert.Equal(2.5, s.Mean);
        Assert.Equal(5 / 3.0, s.Variance!.Value, 1e-15);
        Assert.Equal((1.0, 4.0), (s.Min!.Value, s.Max!.Value));
        Assert.Equal((1.75, 2.5, 3.25), (s.Q25!.Value, s.Median!.Value, s.Q75!.Value));
        Assert.Equal(0, s.Skewness!.Value, 1e-15);
        // m2 = 1.25, m4 = 2.5625: m4 / m2² − 3.
        Assert.Equal((2.5625 / 1.5625) - 3, s.Kurtosis!.Value, 1e-15);
        Assert.Equal(Math.Sqrt(5 / 3.0) / 2.5, s.Cv!.Value, 1e-15);

        var empty = ColumnSummary.Of("e", [double.NaN, double.NaN]);
        Assert.Equal((0L, 2L, 1.0), (empty.Count!.Value, empty.MissingCount!.Value, empty.MissingRatio!.Value));
        Assert.Null(empty.Mean);
        Assert.Null(ColumnSummary.Of("c", [3, 3, 3]).Skewness);
    }

    [Fact]
    public void Breast_columns_match_plaintext_formulas()
    {
        var data = HeteroSide.Read("breast_hetero_host.csv").Raw;
        foreach (var (s, c) in VerticalStatistics.Summarise(data).Select((s, c) => (s, c)))
        {
            var x = data[c].ToArray();
            var n = x.Length;
            var mean = x.Average();
            var variance = x.Select(v => Math.Pow(v - mean, 2)).Sum() / (n - 1);
            var m2 = x.Select(v => Math.Pow(v - mean, 2)).Average();
            var skew = x.Select(v => Math.Pow(v - mean, 3)).Average() / Math.Pow(m2, 1.5);
            var kurt = (x.Select(v => Math.Pow(v - mean, 4)).Average() / (m2 * m2)) - 3;
            var sorted = x.Order().ToArray();
            // numpy's default ("linear") quantile: h = (n − 1)·q, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]).
            double Q(double q)
            {
                var h = (n - 1) * q;
                var lo = (int)h;
                return lo + 1 < n ? sorted[lo] + ((h - lo) * (sorted[lo + 1] - sorted[lo])) : sorted[lo];
            }
            Close(mean, s.Mean, $"{s.Name} mean");
            Close(variance, s.Variance, $"{s.Name} variance");
            Close(Math.Sqrt(variance), s.Std, $"{s.Name} std");
            Close(skew, s.Skewness, $"{s.Name} skewness");
            Close(kurt, s.Kurtosis, $"{s.Name} kurtosis");
            Close(Q(0.25), s.Q25, $"{s.Name} q25");
            Close(Q(0.5), s.Median, $"{s.Name} median");
            Close(Q(0.75), s.Q75, $"{s.Name} q75");
            // cv is std / mean, checked on the small column: these columns are standardised, so their means are near 0 and cv is noise.
            Assert.Equal((sorted[0], sorted[^1], 0L), (s.Min!.Value, s.Max!.Value, s.MissingCount!.Value));
        }
    }

    [Fact]
    public async Task By_default_nothing_crosses_the_wire()
    {
        var (guest, host, parties) = await RunAsync(new StatisticsOptions { Mode = StatisticsMode.Vertical });
        Assert.Empty(guest.Hosts);
        Assert.Equal(10, guest.Columns.Length);
        Assert.Equal(20, host.Columns.Length);
        Assert.All(parties.Transcripts.Values, t => Assert.Empty(t.Delivered));
    }

    [Fact]
    public async Task Asked_statistics_reach_the_guest_alone_under_anonymous_names()
    {
        var (guest, host, parties) = await RunAsync(new StatisticsOptions { Mode = StatisticsMode.Vertical, RevealToGuest = ["mean", "std"] });
        var revealed = Assert.Single(guest.Hosts);
        Assert.Equal(Host, revealed.Party);
        Assert.Equal([.. Enumerable.Range(0, 20).Select(c => $"host_10000_{c}")], revealed.Columns.Select(c => c.Name));
        Assert.All(revealed.Columns.Zip(host.Columns), p =>
        {
            Assert.Equal(p.Second.Mean, p.First.Mean);
            Assert.Equal(p.Second.Std, p.First.Std);
            Assert.Equal(p.First with { Mean = null, Std = null }, new ColumnSummary(p.First.Name, null, null, null, null, null, null, null, null, null, null, null, null, null, null));
        });
        var delivered = parties.Transcripts[Guest].DeliveredTo(Guest).ToList();
        Assert.Equal(["revealed_statistics"], delivered.Select(d => d.Key.Tag));
        Assert.DoesNotContain(host.Columns, c => Contains(delivered[0].Payload, $"\"{c.Name}\""));
        Assert.Empty(parties.Transcripts[Host].DeliveredTo(Host));
    }

    [Fact]
    public void An_unknown_statistic_is_named()
    {
        var ex = Assert.Throws<ArgumentException>(() => VerticalStatistics.Validate(new StatisticsOptions { RevealToGuest = ["mean", "average"] }));
        Assert.StartsWith("reveal_to_guest: \"average\" is not a statistic; expected some of count, missing_count", ex.Message);
    }

    private static async Task<(VerticalStatisticsResult Guest, VerticalStatisticsResult Host, InMemoryParties Parties)> RunAsync(StatisticsOptions options)
    {
        var parties = InMemoryParties.Join(new Roster(Guest, [Host]), "job-vstats", ["statistics"], TimeSpan.FromSeconds(30));
        var guest = VerticalStatistics.GuestAsync(parties.Contexts[new PartyRef(Role.Guest, Guest)], HeteroSide.Read("breast_hetero_guest.csv", "y").Raw, options);
        var host = VerticalStatistics.HostAsync(parties.Contexts[new PartyRef(Role.Host, Host)], HeteroSide.Read("breast_hetero_host.csv").Raw, options);
        Assert.Null(await ProtocolRun.SettleAsync([guest, host]));
        return (await guest, await host, parties);
    }

    private static void Close(double expected, double? actual, string what) =>
        Assert.True(actual is double a && Math.Abs(a - expected) <= 1e-12 * Math.Max(1, Math.Abs(expected)), $"{what} = {actual:R}, expected {expected:R}");

    private static bool Contains(byte[] payload, string text) => payload.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;
}
