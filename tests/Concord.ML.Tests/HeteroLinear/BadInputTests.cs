using Concord.Federation;
using Concord.ML.HeteroLinear;
using Concord.ML.Linear;
using static Concord.ML.Tests.HeteroLinear.LosslessnessTests;

namespace Concord.ML.Tests.HeteroLinear;

public class BadInputTests
{
    private static readonly LinearOptions Logistic = new() { Task = LinearTask.Logistic, MaxIter = 1, EarlyStop = EarlyStopKind.WeightDiff };

    [Fact]
    public async Task A_label_that_is_not_0_or_1_stops_every_party_naming_the_label()
    {
        var labels = BreastGuest.Labels!.Select(y => y == 1 ? 2.0 : 0.0).ToArray();
        var run = HeteroLinearFederation.Start(new(Logistic, 1024), Guest(BreastGuest, labels), [Host(BreastHost)]);
        var guest = await Assert.ThrowsAsync<ArgumentException>(() => run.Guest);
        Assert.Contains("label \"y\" must be 0 or 1", guest.Message, StringComparison.Ordinal);
        Assert.Contains("must be 0 or 1", (await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0])).Message, StringComparison.Ordinal);
        Assert.Contains("must be 0 or 1", (await Assert.ThrowsAsync<FederationException>(() => run.Arbiter)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_below_1024_bits_is_refused_at_every_party()
    {
        var run = HeteroLinearFederation.Start(new(Logistic, 768), Guest(BreastGuest), [Host(BreastHost)]);
        Assert.Contains("\"key_bits\" is 768", (await Assert.ThrowsAsync<ArgumentException>(() => run.Guest)).Message, StringComparison.Ordinal);
        Assert.Contains("key_bits", (await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0])).Message, StringComparison.Ordinal);
        Assert.Contains("key_bits", (await Assert.ThrowsAsync<FederationException>(() => run.Arbiter)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rows_in_another_order_at_a_host_are_refused_before_training()
    {
        var shuffled = BreastHost with { Ids = [.. BreastHost.Ids.Reverse()] };
        var run = HeteroLinearFederation.Start(new(Logistic, 1024), Guest(BreastGuest), [Host(shuffled)]);
        Assert.Contains("not aligned", (await Assert.ThrowsAsync<ArgumentException>(() => run.Guest)).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
    }

    [Fact]
    public void A_constant_feature_is_named_in_a_warning_and_dropped_unless_kept_and_never_divides_by_zero()
    {
        var data = new NumericColumns(["age", "flat", "income"], [[1, 2, 3, 4], [5, 5, 5, 5], [10, 0, 10, 0]]);
        var warnings = new List<string>();
        var dropped = PreparedFeatures.Fit(data, standardize: true, keepConstant: false, warnings.Add);
        Assert.Equal(["age", "income"], dropped.Names);
        Assert.Contains(warnings, w => w.Contains("\"flat\" is constant", StringComparison.Ordinal) && w.Contains("dropped", StringComparison.Ordinal));

        var kept = PreparedFeatures.Fit(data, standardize: true, keepConstant: true, warnings.Add);
        Assert.Equal(["age", "flat", "income"], kept.Names);
        Assert.Equal([0.0, 0, 0, 0], kept.Columns[1]);
        Assert.All(kept.Columns.SelectMany(c => c), v => Assert.True(double.IsFinite(v)));
        Assert.Equal([1.0, -1, 1, -1], kept.Columns[2]);
    }

    [Fact]
    public void Poisson_over_two_hosts_and_a_loss_based_stop_without_a_loss_are_refused()
    {
        var poisson = new HeteroLinearSettings(new LinearOptions { Task = LinearTask.Poisson, EarlyStop = EarlyStopKind.WeightDiff }, 1024);
        Assert.Contains("exactly one host", Assert.Throws<ArgumentException>(() => poisson.Validate(2)).Message, StringComparison.Ordinal);
        var poissonOnLoss = new HeteroLinearSettings(new LinearOptions { Task = LinearTask.Poisson, EarlyStop = EarlyStopKind.Diff }, 1024);
        Assert.Contains("weight_diff", Assert.Throws<ArgumentException>(() => poissonOnLoss.Validate(1)).Message, StringComparison.Ordinal);
        new HeteroLinearSettings(new LinearOptions { Task = LinearTask.Logistic, EarlyStop = EarlyStopKind.Diff }, 1024).Validate(3);
    }
}
