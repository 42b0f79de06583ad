using Concord.Federation;
using Concord.ML.LocalBaseline;
using Concord.ML.SecureBoost;
using static Concord.ML.Tests.SecureBoost.LosslessnessTests;

namespace Concord.ML.Tests.SecureBoost;

/// <summary>Bad input stops every party with an error that names the feature, label, field or party, before any gradient is encrypted.</summary>
public class BadInputTests
{
    private static BoostSide WithColumn(BoostSide side, int column, double value) => side with
    {
        Features = new NumericColumns(side.Features.Names,
            [.. Enumerable.Range(0, side.Features.ColumnCount).Select(j => j == column ? Enumerable.Repeat(value, side.Ids.Length).ToArray() : side.Features[j].ToArray())]),
    };

    [Fact]
    public async Task A_host_feature_with_a_single_value_stops_training_naming_the_host_and_the_feature()
    {
        var run = SecureBoostFederation.Start(Options(trees: 1), BreastGuest.Guest(), [WithColumn(BreastHost, 4, 3.5).Host()]);
        var host = await Assert.ThrowsAsync<ArgumentException>(() => run.Hosts[0]);
        Assert.Contains("feature \"x4\" has a single value (3.5)", host.Message, StringComparison.Ordinal);
        var guest = await Assert.ThrowsAsync<FederationException>(() => run.Guest);
        Assert.Contains("host:10000 cannot train", guest.Message, StringComparison.Ordinal);
        Assert.Contains("\"x4\"", guest.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_all_missing_guest_column_is_refused_and_the_hosts_are_told_why()
    {
        var run = SecureBoostFederation.Start(Options(trees: 1), WithColumn(BreastGuest, 2, double.NaN).Guest(), [BreastHost.Host()]);
        var guest = await Assert.ThrowsAsync<ArgumentException>(() => run.Guest);
        Assert.Contains("guest 9999: feature \"x2\" is missing in all 569 rows", guest.Message, StringComparison.Ordinal);
        var host = await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);
        Assert.Contains("the guest stopped training", host.Message, StringComparison.Ordinal);
        Assert.Contains("\"x2\" is missing", host.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_label_outside_the_declared_classes_names_the_row_and_the_classes()
    {
        var guest = BoostSide.Read("vehicle_scale_hetero_guest.csv", "y");
        var host = BoostSide.Read("vehicle_scale_hetero_host.csv");
        var options = Options(trees: 1) with { Objective = BoostObjective.Softmax, NumClasses = 3 };
        var run = SecureBoostFederation.Start(options, guest.Guest(), [host.Host()]);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => run.Guest);
        var row = Array.IndexOf(guest.Labels!, 3.0);
        Assert.Contains($"label \"y\" in row {row} is 3, outside the declared classes 0 … 2 (num_classes = 3)", error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => run.Hosts[0]);

        var binary = Assert.Throws<ArgumentException>(() => LocalSecureBoostTrainer.Fit([guest.Local(1), host.Local(2)], guest.Labels!, Options()));
        Assert.Contains("must be 0 or 1 for the binary objective", binary.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 3, "\"num_trees\" must be between 1 and 1000 (got 0)")]
    [InlineData(1001, 3, "\"num_trees\" must be between 1 and 1000 (got 1001)")]
    [InlineData(5, 0, "\"max_depth\" must be between 1 and 16 (got 0)")]
    [InlineData(5, 17, "\"max_depth\" must be between 1 and 16 (got 17)")]
    public async Task Num_trees_or_depth_out_of_range_is_refused_at_every_party(int trees, int depth, string message)
    {
        var run = SecureBoostFederation.Start(Options(trees, depth), BreastGuest.Guest(), [BreastHost.Host()]);
        Assert.Contains(message, (await Assert.ThrowsAsync<FederationException>(() => run.Guest)).Message, StringComparison.Ordinal);
        Assert.Contains(message, (await Assert.ThrowsAsync<ArgumentException>(() => run.Hosts[0])).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Misaligned_rows_and_early_stopping_without_validation_data_are_refused()
    {
        var reversed = BreastHost with { Ids = [.. BreastHost.Ids.Reverse()] };
        var misaligned = SecureBoostFederation.Start(Options(trees: 1), BreastGuest.Guest(), [reversed.Host()]);
        Assert.Contains("not aligned", (await Assert.ThrowsAsync<ArgumentException>(() => misaligned.Guest)).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => misaligned.Hosts[0]);

        var early = SecureBoostFederation.Start(Options(trees: 5) with { Validation = new() { EarlyStoppingRounds = 2 } }, BreastGuest.Guest(), [BreastHost.Host()]);
        Assert.Contains("no validation data", (await Assert.ThrowsAsync<ArgumentException>(() => early.Guest)).Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<FederationException>(() => early.Hosts[0]);
    }

    [Fact]
    public void Layered_depths_must_add_up_to_max_depth()
    {
        var options = Options(depth: 3) with { Privacy = PrivacyMode.Layered, GuestDepth = 1, HostDepth = 1 };
        Assert.Contains("must equal guest_depth + host_depth", Assert.Throws<ArgumentException>(options.Validate).Message, StringComparison.Ordinal);
    }
}
