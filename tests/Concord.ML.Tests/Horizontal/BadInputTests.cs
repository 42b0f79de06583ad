using Concord.Federation;
using Concord.ML.HomoLR;
using Concord.ML.Horizontal;

namespace Concord.ML.Tests.Horizontal;

/// <summary>Refusals before the first round, with messages that name the party, the columns or the parameter.</summary>
public class BadInputTests
{
    private static readonly HomoLrFactory Lr = new(new HomoLrOptions());

    private static async Task<IReadOnlyList<Exception>> FailuresAsync(HomoSettings settings, HorizontalData[] data)
    {
        var run = HomoFederation.Start(settings, data, _ => Lr);
        var roles = new List<Task> { run.Arbiter };
        roles.AddRange(run.Clients);
        await Task.WhenAll(roles).ContinueWith(_ => { }, TaskScheduler.Default);
        Assert.All(roles, r => Assert.True(r.IsFaulted, "every party fails alike"));
        return [.. roles.Select(r => r.Exception!.InnerException!)];
    }

    [Fact]
    public async Task A_host_with_other_columns_is_refused_before_training_naming_the_host_and_the_columns()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        var host = HomoCsv.Read("breast_homo_host.csv");
        var renamed = host with { FeatureNames = [.. host.FeatureNames.Select(n => n == "x3" ? "area" : n)] };
        var failures = await FailuresAsync(new HomoSettings { Rounds = 1, Seed = 1 }, [guest, renamed]);
        Assert.IsType<ArgumentException>(failures[0]);
        Assert.All(failures, f => Assert.Contains("party host:10000's table does not match the guest's (guest:9999)", f.Message, StringComparison.Ordinal));
        Assert.All(failures, f => Assert.Contains("missing x3; extra area", f.Message, StringComparison.Ordinal));
        Assert.All(failures.Skip(1), f => Assert.IsType<FederationException>(f));
    }

    [Fact]
    public async Task The_same_columns_in_another_order_are_refused_too()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        var host = HomoCsv.Read("breast_homo_host.csv");
        var swapped = host with { FeatureNames = [host.FeatureNames[1], host.FeatureNames[0], .. host.FeatureNames[2..]] };
        var failures = await FailuresAsync(new HomoSettings { Rounds = 1, Seed = 1 }, [guest, swapped]);
        Assert.All(failures, f => Assert.Contains("the same columns in a different order", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Two_label_values_other_than_0_and_1_are_refused()
    {
        // 1 and 2 at every client: two classes, so binary, and binary labels are 0 and 1. (0, 1 and 2 would be softmax.)
        var host = HomoCsv.Read("breast_homo_host.csv");
        var shifted = host with { Labels = [.. host.Labels.Select(y => y + 1)] };
        var onlyShifted = await FailuresAsync(new HomoSettings { Rounds = 1, Seed = 1 }, [shifted, shifted]);
        Assert.All(onlyShifted, f => Assert.Contains("must be 0 or 1 for binary classification; found 2", f.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Fewer_clients_than_the_per_round_minimum_are_refused_naming_the_parameter()
    {
        var ex = Assert.Throws<ArgumentException>(() => new HomoSettings { MinClients = 3 }.Validate(clientCount: 2));
        Assert.Contains("\"min_clients\" is 3, but the job has only 2 client(s)", ex.Message, StringComparison.Ordinal);
        var secure = Assert.Throws<ArgumentException>(() => new HomoSettings { MinClients = 1, Aggregation = AggregationKind.SecureAggregation }.Validate(2));
        Assert.Contains("at least 2 under secure aggregation", secure.Message, StringComparison.Ordinal);
        var dp = Assert.Throws<ArgumentException>(() => new HomoSettings { Dp = new DpSettings(DpMode.Central, 1, null, null, 1e-5) }.Validate(2));
        Assert.Contains("exactly one of noise_multiplier and target_epsilon", dp.Message, StringComparison.Ordinal);
        var half = Assert.Throws<ArgumentException>(() => new HomoSettings { Aggregation = AggregationKind.SecureAggregation, SecureAggregationThreshold = 2 }.Validate(4));
        Assert.Contains("\"secure_aggregation_threshold\" must be 0 (automatic) or above half of the 4 clients", half.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_value_is_refused_naming_the_party_row_and_column()
    {
        var guest = HomoCsv.Read("breast_homo_guest.csv");
        var host = HomoCsv.Read("breast_homo_host.csv");
        var rows = host.Rows.Select(r => (double[])r.Clone()).ToArray();
        rows[5][2] = double.NaN;
        var run = HomoFederation.Start(new HomoSettings { Rounds = 1, Seed = 1 }, [guest, host with { Rows = rows }], _ => Lr, receiveTimeout: TimeSpan.FromSeconds(2));
        var ex = await Assert.ThrowsAsync<ArgumentException>(() => run.Clients[1]);
        Assert.Equal("party host:10000: feature \"x2\" has a missing or non-finite value in row 5; fill it first (data_transform)", ex.Message);
        await Task.WhenAll([run.Arbiter, run.Clients[0]]).ContinueWith(_ => { }, TaskScheduler.Default);
    }
}
