using System.Text;
using Concord.Federation;
using Concord.Federation.Parties;
using Concord.ML.FeatureBinning;
using Concord.ML.FeatureSelection;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.FeatureSelection;

/// <summary>
/// Hetero feature selection against the plaintext rule, what each party is told, and its refusals. The IVs come
/// from hand-made binning summaries laid out as hetero_feature_binning writes them.
/// </summary>
public sealed class SelectionTests
{
    private const int Guest = 9999;
    private const int HostA = 10000;
    private const int HostB = 10001;

    /// <summary>Columns that each fail one statistic filter: constant (variance 0), sparse (3 of 5 missing), two values, and a spread one.</summary>
    private static NumericColumns Columns(string prefix) => new(
        [$"{prefix}_const", $"{prefix}_sparse", $"{prefix}_two", $"{prefix}_wide"],
        [[3, 3, 3, 3, 3], [1, double.NaN, double.NaN, double.NaN, 5], [0, 1, 0, 1, 0], [-4, 10, 2, 7, 30]]);

    private static readonly double[] GuestIvs = [0.05, 0.4, 0.3, 0.9];
    private static readonly double[] HostAIvs = [0.2, 0.6, 0.01, 0.5];
    private static readonly double[] HostBIvs = [0.7, 0.02, 0.35, double.NaN];

    private static string Anon(int host, int j) => AnonymousColumns.Id(host.ToString(System.Globalization.CultureInfo.InvariantCulture), j);

    private static BinningSummary GuestSummary() => new([
        .. GuestIvs.Select((iv, j) => new ColumnIv(Columns("g").Names[j], $"guest:{Guest}", null, iv)),
        .. HostAIvs.Select((iv, j) => new ColumnIv(Anon(HostA, j), $"host:{HostA}", Anon(HostA, j), iv)),
        .. HostBIvs.Select((iv, j) => new ColumnIv(Anon(HostB, j), $"host:{HostB}", Anon(HostB, j), iv))]);

    /// <summary>A host's own summary: its names, each with the id the guest knows it by, and no IV (hosts never learn one).</summary>
    private static BinningSummary HostSummary(int host, string prefix) => new([
        .. Columns(prefix).Names.Select((name, j) => new ColumnIv(name, $"host:{host}", Anon(host, j), double.NaN))]);

    private sealed record Run(Task<SelectionModel> Guest, Task<SelectionModel> HostA, Task<SelectionModel> HostB, InMemoryParties Parties)
    {
        public Task<Exception?> SettleAsync() => ProtocolRun.SettleAsync([Guest, HostA, HostB]);
    }

    private static Run Start(SelectionOptions guest, SelectionOptions hostA, bool binning = true, SelectionOptions? hostB = null)
    {
        var roster = new Roster(Guest, [HostA, HostB]);
        var parties = InMemoryParties.Join(roster, "job-select", ["hetero_feature_selection"], TimeSpan.FromSeconds(30));
        return new Run(
            Task.Run(() => new SelectionGuest(parties.Contexts[roster.Guest]).RunAsync(Columns("g"), guest, binning ? GuestSummary() : null)),
            Task.Run(() => new SelectionHost(parties.Contexts[PartyRef.Host(HostA)]).RunAsync(Columns("a"), hostA, binning ? HostSummary(HostA, "a") : null)),
            Task.Run(() => new SelectionHost(parties.Contexts[PartyRef.Host(HostB)]).RunAsync(Columns("b"), hostB ?? hostA, binning ? HostSummary(HostB, "b") : null)),
            parties);
    }

    /// <summary>
    /// The rule in plaintext over all twelve columns at once: IV at least the threshold, then the k highest IVs of
    /// those, then each column's own statistic filters; keep_col wins over filters, filter_out_col over everything.
    /// </summary>
    private static List<string> Plain(SelectionOptions o, string prefix, double[] ivs)
    {
        var all = new[] { GuestIvs, HostAIvs, HostBIvs }.SelectMany(x => x).Where(iv => o.IvThreshold is not double t || iv >= t).ToList();
        var kth = o.IvTopK is int k && k <= all.Count ? all.Select(iv => double.IsNaN(iv) ? double.NegativeInfinity : iv).OrderDescending().ElementAt(k - 1) : double.NegativeInfinity;
        var columns = Columns(prefix);
        return [.. columns.Names.Where((name, j) =>
        {
            var values = columns[j].ToArray();
            var present = values.Where(v => !double.IsNaN(v)).ToArray();
            var mean = present.Average();
            var variance = present.Sum(v => (v - mean) * (v - mean)) / (present.Length - 1);
            var passes = (o.IvThreshold is not double t || ivs[j] >= t)
                && (o.IvTopK is null || (!double.IsNaN(ivs[j]) && ivs[j] >= kth))
                && (o.MissingRatioMax is not double m || (double)(values.Length - present.Length) / values.Length <= m)
                && (o.VarianceMin is not double v || variance >= v)
                && (o.UniqueCountMin is not int u || present.Distinct().Count() >= u)
                && (o.CoefficientOfVariationMin is not double cv || mean == 0 || Math.Sqrt(variance) / Math.Abs(mean) >= cv);
            return !o.FilterOutCol.Contains(name) && (passes || o.KeepCol.Contains(name));
        })];
    }

    public static TheoryData<string, SelectionOptions> Rules => new()
    {
        { "iv threshold", new SelectionOptions { IvThreshold = 0.3 } },
        { "iv top 5", new SelectionOptions { IvTopK = 5 } },
        { "threshold then top 4", new SelectionOptions { IvThreshold = 0.25, IvTopK = 4 } },
        { "statistics", new SelectionOptions { MissingRatioMax = 0.5, VarianceMin = 0.1, UniqueCountMin = 3 } },
        { "cv and iv", new SelectionOptions { CoefficientOfVariationMin = 1.2, IvThreshold = 0.1 } },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task Every_party_keeps_exactly_the_columns_of_the_plaintext_rule(string rule, SelectionOptions options)
    {
        var run = Start(options, options with { IvThreshold = null, IvTopK = null });
        Assert.Null(await run.SettleAsync());
        var (guest, a, b) = (await run.Guest, await run.HostA, await run.HostB);
        Assert.True(Plain(options, "g", GuestIvs).SequenceEqual(guest.Kept), rule);
        Assert.Equal(Plain(options, "a", HostAIvs), a.Kept);
        Assert.Equal(Plain(options, "b", HostBIvs), b.Kept);
        // The guest knows the hosts' survivors by anonymous id only.
        Assert.Equal(a.Kept.Select(n => Anon(HostA, Columns("a").Names.ToList().IndexOf(n))), guest.HostKept![$"host:{HostA}"]);
        Assert.Equal(b.Kept.Select(n => Anon(HostB, Columns("b").Names.ToList().IndexOf(n))), guest.HostKept[$"host:{HostB}"]);
    }

    [Fact]
    public async Task Manual_lists_win_over_the_filters_at_each_party()
    {
        var guest = new SelectionOptions { IvThreshold = 0.3, KeepCol = ["g_const"], FilterOutCol = ["g_wide"] };
        var run = Start(guest, new SelectionOptions { KeepCol = ["a_two"] }, hostB: new SelectionOptions());
        Assert.Null(await run.SettleAsync());
        Assert.Equal(["g_const", "g_sparse", "g_two"], (await run.Guest).Kept);
        Assert.Equal(["a_sparse", "a_two", "a_wide"], (await run.HostA).Kept);
        Assert.Equal("iv_threshold", (await run.HostB).DroppedBy["b_sparse"]);
    }

    [Fact]
    public async Task A_host_is_told_only_about_its_own_anonymous_columns_and_the_guest_hears_only_anonymous_survivors()
    {
        var run = Start(new SelectionOptions { IvTopK = 6 }, new SelectionOptions { VarianceMin = 0.1 });
        var failure = await run.SettleAsync();
        var names = new[] { "g", "a", "b" }.SelectMany(p => Columns(p).Names).ToList();
        foreach (var (host, own) in new[] { (HostA, "a"), (HostB, "b") })
        {
            var received = MailboxView.Contents(run.Parties.Transcripts[host], host);
            var verdict = Assert.Single(received);
            var text = Encoding.UTF8.GetString(verdict.Payload);
            // No column name at all, no IV, and no anonymous id but the host's own.
            Assert.DoesNotContain(names, n => text.Contains(n, StringComparison.Ordinal));
            Assert.DoesNotContain("0.", text, StringComparison.Ordinal);
            var other = host == HostA ? HostB : HostA;
            Assert.DoesNotContain($"host_{other}_", text, StringComparison.Ordinal);
            Assert.DoesNotContain($"guest", text, StringComparison.Ordinal);
        }
        foreach (var entry in MailboxView.Contents(run.Parties.Transcripts[Guest], Guest))
        {
            var text = Encoding.UTF8.GetString(entry.Payload);
            Assert.DoesNotContain(names, n => text.Contains(n, StringComparison.Ordinal));
        }
        TranscriptAssert.EndOfRun(failure, run.Parties.Transcripts, new Dictionary<int, string[]>
        {
            [Guest] = ["host_selection"],
            [HostA] = ["iv_verdict"],
            [HostB] = ["iv_verdict"],
        });
    }

    [Fact]
    public async Task A_selection_that_keeps_no_column_is_refused_naming_the_party_and_the_filter()
    {
        var run = Start(new SelectionOptions(), new SelectionOptions { VarianceMin = 1000 });
        await run.SettleAsync();
        var atHost = await Assert.ThrowsAsync<ArgumentException>(() => run.HostA);
        Assert.Equal("hetero_feature_selection: party host:10000 would keep no column after filter variance_min", atHost.Message);
        var atGuest = await Assert.ThrowsAsync<FederationException>(() => run.Guest);
        Assert.Contains("party host:10000 stopped hetero_feature_selection: hetero_feature_selection: party host:10000 would keep no column after filter variance_min", atGuest.Message, StringComparison.Ordinal);

        var ivRun = Start(new SelectionOptions { IvThreshold = 0.95 }, new SelectionOptions());
        await ivRun.SettleAsync();
        Assert.Equal("hetero_feature_selection: party guest:9999 would keep no column after filter iv_threshold", (await Assert.ThrowsAsync<ArgumentException>(() => ivRun.Guest)).Message);
        Assert.StartsWith("the guest stopped hetero_feature_selection", (await Assert.ThrowsAsync<FederationException>(() => ivRun.HostB)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_inputs_are_refused_in_one_line()
    {
        var noBinning = Start(new SelectionOptions { IvTopK = 3 }, new SelectionOptions(), binning: false);
        await noBinning.SettleAsync();
        Assert.Equal("hetero_feature_selection: iv_threshold and iv_top_k need binning_model, a hetero_feature_binning model", (await Assert.ThrowsAsync<ArgumentException>(() => noBinning.Guest)).Message);

        var unknown = Start(new SelectionOptions { KeepCol = ["nope"] }, new SelectionOptions());
        await unknown.SettleAsync();
        Assert.StartsWith("hetero_feature_selection: column \"nope\" is not in the table", (await Assert.ThrowsAsync<ArgumentException>(() => unknown.Guest)).Message, StringComparison.Ordinal);

        var both = Start(new SelectionOptions(), new SelectionOptions { KeepCol = ["a_two"], FilterOutCol = ["a_two"] });
        await both.SettleAsync();
        Assert.Equal("hetero_feature_selection: column \"a_two\" is in both keep_col and filter_out_col", (await Assert.ThrowsAsync<ArgumentException>(() => both.HostA)).Message);
    }

    [Fact]
    public void The_model_keeps_the_same_columns_of_new_rows_and_names_a_missing_one()
    {
        var model = SelectionModel.FromBytes(new SelectionModel(["y", "x"], new() { ["z"] = "variance_min" }, null).ToBytes(), "model");
        var table = Data.PartyTable.Create("id", ["r1", "r2"], ["x", "y", "z"], [[1, 2], [3, 4], [5, 6]]);
        var kept = model.Apply(table);
        Assert.Equal(["y", "x"], kept.Schema.FeatureNames);
        Assert.Equal([3, 4], kept.Column(0).ToArray());
        var missing = Assert.Throws<ArgumentException>(() => model.Apply(Data.PartyTable.Create("id", ["r1"], ["x"], [[1]])));
        Assert.Equal("hetero_feature_selection: column \"y\" was kept when the selection was fitted, and the table has no such column", missing.Message);
    }
}
