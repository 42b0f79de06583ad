using Concord.Federation;
using Concord.ML.FeatureBinning;
using Concord.Tests.Shared;

namespace Concord.ML.Tests.FeatureBinning;

/// <summary>Data that cannot be binned is refused in one line naming the component, the party and the column; the other parties stop too.</summary>
public class BadInputTests
{
    private const int Rows = 40;

    private static readonly double[] Labels = SplitData.Labels(Rows, 2, seed: 11);

    [Theory]
    [InlineData("constant", "is constant")]
    [InlineData("all_missing", "every row is missing")]
    [InlineData("infinite", "finite numbers")]
    public async Task A_host_column_that_cannot_be_binned_is_named_at_the_host_and_not_to_the_guest(string column, string problem)
    {
        var host = Bad(column);
        var run = BinningFederation.Start(Good(), new(), (new BinningData(SplitData.Ids(Rows), host), new FeatureBinningOptions()));
        var failures = await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]);
        Assert.NotNull(failures);

        var atHost = (await Assert.ThrowsAsync<ArgumentException>(() => run.Hosts[0])).Message;
        Assert.Contains($"hetero_feature_binning at party host:10000: column \"{column}\"", atHost, StringComparison.Ordinal);
        Assert.Contains(problem, atHost, StringComparison.Ordinal);
        var atGuest = (await Assert.ThrowsAsync<FederationException>(() => run.Guest)).Message;
        Assert.Contains("party host:10000 cannot take part", atGuest, StringComparison.Ordinal);
        Assert.DoesNotContain(column, atGuest, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_constant_guest_column_is_named_and_the_hosts_are_told()
    {
        var run = BinningFederation.Start(new(SplitData.Ids(Rows), Bad("constant"), Labels), new(), (new BinningData(SplitData.Ids(Rows), Good().Columns), new FeatureBinningOptions()));
        Assert.NotNull(await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]));
        Assert.Contains("hetero_feature_binning at party guest:9999: column \"constant\" is constant", (await Assert.ThrowsAsync<ArgumentException>(() => run.Guest)).Message, StringComparison.Ordinal);
        Assert.Contains("the guest stopped hetero_feature_binning", (await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_binary_label_is_refused_for_binary_iv_with_the_row_named()
    {
        var labels = Labels.ToArray();
        labels[7] = 2;
        var run = BinningFederation.Start(Good() with { Labels = labels }, new(), (new BinningData(SplitData.Ids(Rows), Good().Columns), new FeatureBinningOptions()));
        Assert.NotNull(await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]));
        var message = (await Assert.ThrowsAsync<ArgumentException>(() => run.Guest)).Message;
        Assert.Equal("hetero_feature_binning at party guest:9999: label of row 7 is 2, but binary WOE/IV needs labels 0 and 1; set multi_class: true for one-vs-rest IV per class", message);
    }

    [Fact]
    public async Task Optimal_binning_at_a_host_is_refused_there()
    {
        var run = BinningFederation.Start(Good(), new(), (new BinningData(SplitData.Ids(Rows), Good().Columns), new FeatureBinningOptions { Method = BinningMethod.Optimal }));
        Assert.NotNull(await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]));
        Assert.Equal("hetero_feature_binning at party host:10000: method optimal needs the labels, which only the guest holds; use quantile or bucket at a host",
            (await Assert.ThrowsAsync<ArgumentException>(() => run.Hosts[0])).Message);
    }

    [Fact]
    public async Task Rows_not_aligned_by_psi_are_refused_naming_the_host()
    {
        var ids = SplitData.Ids(Rows).Reverse().ToArray();
        var run = BinningFederation.Start(Good(), new(), (new BinningData(ids, Good().Columns), new FeatureBinningOptions()));
        Assert.NotNull(await ProtocolRun.EveryFailureAsync([run.Guest, .. run.Hosts]));
        Assert.Contains("party host:10000's rows are not aligned with the guest's", (await Assert.ThrowsAsync<FederationException>(() => run.Guest)).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
    }

    [Fact]
    public void Woe_transform_of_a_multi_class_label_is_refused()
    {
        var labels = BinLabels.Of(SplitData.Labels(Rows, 3, seed: 12), multiClass: true, "test");
        var own = LocalBins.Fit(Good().Columns, new(), "test", labels);
        var tables = Enumerable.Range(0, own.ColumnCount).Select(c => BinTable.Of(own.Names[c], "guest:9999", null, own.Cuts[c], own.Counts(c), own.Events(c, labels), labels)).ToList();
        var message = Assert.Throws<ArgumentException>(() => BinningTransform.Fit(new(own, tables, []), new() { MultiClass = true, TransformMethod = TransformMethod.Woe }, "hetero_feature_binning at party guest:9999")).Message;
        Assert.StartsWith("hetero_feature_binning at party guest:9999: transform_method woe needs a binary label", message, StringComparison.Ordinal);
    }

    private static BinningData Good() => new(SplitData.Ids(Rows), SplitData.Columns("g", 2, Labels, seed: 13), Labels);

    private static NumericColumns Bad(string name)
    {
        var values = name switch
        {
            "constant" => Enumerable.Repeat(3.0, Rows).ToArray(),
            "all_missing" => Enumerable.Repeat(double.NaN, Rows).ToArray(),
            _ => Enumerable.Range(0, Rows).Select(r => r == 5 ? double.PositiveInfinity : r).ToArray(),
        };
        var good = SplitData.Columns("h", 1, Labels, seed: 14);
        return new NumericColumns(["h0", name], [good[0].ToArray(), values]);
    }
}
