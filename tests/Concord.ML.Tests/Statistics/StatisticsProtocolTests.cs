using Concord.Federation;
using Concord.ML.SecureAggregation;
using Concord.ML.Statistics;

namespace Concord.ML.Tests.Statistics;

public class StatisticsProtocolTests
{
    private static readonly NumericColumns BreastGuest = FateCsv.ReadFeatures("breast_homo_guest.csv");
    private static readonly NumericColumns BreastHost = FateCsv.ReadFeatures("breast_homo_host.csv");

    internal static (NumericColumns Guest, NumericColumns[] Hosts) BreastSplit()
    {
        var half = BreastHost.RowCount / 2;
        return (BreastGuest, [BreastHost.Rows(0, half), BreastHost.Rows(half, BreastHost.RowCount)]);
    }

    [Fact]
    public async Task Breast_data_over_a_guest_and_two_hosts_matches_the_plaintext_statistics()
    {
        var (guest, hosts) = BreastSplit();
        var (result, _) = await StatisticsFederation.RunAsync(guest, hosts);
        Assert.Equal(30, result.Columns.Count);
        Assert.Equal(BreastGuest.RowCount + BreastHost.RowCount, result["x0"].Count);
        StatisticsAssert.Matches(LocalStatistics.Compute([guest, .. hosts]), result);
    }

    [Fact]
    public async Task Missing_values_negatives_and_empty_columns_match_the_plaintext_statistics()
    {
        var random = new Random(20261121);
        NumericColumns Party(int rows, bool hasSingle)
        {
            double Maybe(double x) => random.NextDouble() < 0.2 ? double.NaN : x;
            return new NumericColumns(
                ["signed", "large", "tiny", "empty", "single", "constant"],
                [
                    [.. Enumerable.Range(0, rows).Select(_ => Maybe(random.NextDouble() * 200 - 150))],
                    [.. Enumerable.Range(0, rows).Select(_ => Maybe(-5e9 + random.NextDouble() * 1e9))],
                    [.. Enumerable.Range(0, rows).Select(_ => Maybe((random.NextDouble() - 0.5) * 1e-6))],
                    [.. Enumerable.Repeat(double.NaN, rows)],
                    [.. Enumerable.Range(0, rows).Select(r => hasSingle && r == 1 ? -7.25 : double.NaN)],
                    [.. Enumerable.Range(0, rows).Select(_ => Maybe(-0.1))],
                ]);
        }
        var guest = Party(40, hasSingle: false);
        NumericColumns[] hosts = [Party(25, hasSingle: false), Party(1, hasSingle: false), Party(33, hasSingle: true)];

        var (result, _) = await StatisticsFederation.RunAsync(guest, hosts);

        StatisticsAssert.Matches(LocalStatistics.Compute([guest, .. hosts]), result);
        Assert.Equal(new ColumnStatistics("empty", 0, 99, null, null, null, null, null), result["empty"]);
        Assert.Equal(new ColumnStatistics("single", 1, 98, -7.25, null, null, -7.25, -7.25), result["single"]);
        Assert.True(result["signed"].Min < 0 && result["signed"].Max > 0);
    }

    [Fact]
    public async Task A_guest_and_a_single_host_get_the_plaintext_statistics()
    {
        var (result, _) = await StatisticsFederation.RunAsync(BreastGuest, BreastHost);
        StatisticsAssert.Matches(LocalStatistics.Compute(BreastGuest, BreastHost), result);
    }

    [Fact]
    public async Task A_host_with_the_same_columns_in_another_order_is_aligned_to_the_guest()
    {
        var (guest, hosts) = BreastSplit();
        var reversed = hosts[1].Select([.. hosts[1].Names.Reverse()]);
        var (result, _) = await StatisticsFederation.RunAsync(guest, hosts[0], reversed);
        Assert.Equal(guest.Names, result.Columns.Select(c => c.Name));
        StatisticsAssert.Matches(LocalStatistics.Compute([guest, .. hosts]), result);
    }

    [Fact]
    public async Task Mismatched_columns_stop_every_party_with_an_error_naming_the_party_and_column()
    {
        var (guest, hosts) = BreastSplit();
        var renamed = new NumericColumns([.. hosts[1].Names.Select(n => n == "x7" ? "x7_scaled" : n)],
            [.. Enumerable.Range(0, hosts[1].ColumnCount).Select(c => hosts[1][c].ToArray())]);
        var run = StatisticsFederation.Start(guest, hosts[0], renamed);

        var atGuest = await Assert.ThrowsAsync<FederationException>(() => run.Guest);
        Assert.Contains("host:10001 has no column \"x7\"", atGuest.Message, StringComparison.Ordinal);
        Assert.Equal(10001, atGuest.Party?.Id);
        foreach (var host in run.Hosts)
        {
            var atHost = await Assert.ThrowsAsync<FederationException>(() => host);
            Assert.Contains("host:10001 has no column \"x7\"", atHost.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_value_too_large_for_the_ring_stops_the_run_naming_the_column_and_party()
    {
        var guest = new NumericColumns(["income", "age"], [[1.0, 2.0], [30, 40]]);
        var hostA = new NumericColumns(["income", "age"], [[3.0, 4.0], [50, 60]]);
        var hostB = new NumericColumns(["income", "age"], [[1e24, 5.0], [70, 80]]);
        var run = StatisticsFederation.Start(guest, hostA, hostB);

        var atHostB = await Assert.ThrowsAsync<FixedPointOverflowException>(() => run.Hosts[1]);
        Assert.Equal("income", atHostB.Column);
        Assert.Contains("1E+24 is outside the fixed-point range", atHostB.Message, StringComparison.Ordinal);
        var atGuest = await Assert.ThrowsAsync<FederationException>(() => run.Guest);
        Assert.Contains("host:10001 cannot take part: column \"income\": a value is outside", atGuest.Message, StringComparison.Ordinal);
        // The offending value is host B's private data: its own error shows it, the guest's does not.
        Assert.DoesNotContain("1E+24", atGuest.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
    }

    [Fact]
    public async Task An_infinite_value_at_the_guest_is_named_and_stops_the_hosts()
    {
        var guest = new NumericColumns(["ratio"], [[1.0, double.PositiveInfinity]]);
        var run = StatisticsFederation.Start(guest, new NumericColumns(["ratio"], [[2.0]]), new NumericColumns(["ratio"], [[3.0]]));
        var atGuest = await Assert.ThrowsAsync<FixedPointOverflowException>(() => run.Guest);
        Assert.Contains("column \"ratio\": Infinity is outside", atGuest.Message, StringComparison.Ordinal);
        var atHost = await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
        Assert.Contains("the guest's own data cannot take part: column \"ratio\"", atHost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_result_round_trips_through_json()
    {
        var (guest, hosts) = BreastSplit();
        var (result, _) = await StatisticsFederation.RunAsync(guest.Rows(0, 20), hosts[0].Rows(0, 5), hosts[1].Rows(0, 1));
        var back = StatisticsResult.FromJson(result.ToJson());
        Assert.Equal(result.Columns, back.Columns);
        Assert.Contains("\"standardDeviation\"", result.ToJson(), StringComparison.Ordinal);
    }
}
