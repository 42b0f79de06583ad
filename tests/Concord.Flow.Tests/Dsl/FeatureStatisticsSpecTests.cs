using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.Correlation;
using Concord.ML.Stability;
using Concord.ML.Statistics;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>feature_correlation, stability and statistics' vertical mode: bad parameters fail at submit time on their line; good ones reach the options.</summary>
public sealed class FeatureStatisticsSpecTests
{
    private static string Correlation(string parameters) => Job($$"""
        {{Reader}}
        - name: corr_0
          type: feature_correlation
          inputs: { data: reader_0.data }
          parameters: {{parameters}}
        """);

    private static string Stability(string parameters) => Job($$"""
        {{Reader}}
        - name: reader_1
          type: reader
          parameters: { table: { namespace: demo, name: credit_new } }
        - name: stability_0
          type: stability
          inputs: { expected: reader_0.data, actual: reader_1.data }
          parameters: {{parameters}}
        """);

    private static string Statistics(string parameters) => Job($$"""
        {{Reader}}
        - name: stats_0
          type: statistics
          inputs: { data: reader_0.data }
          parameters: {{parameters}}
        """);

    [Theory]
    [InlineData("{ method: kendall }", "kendall", "\"kendall\" is not allowed: expected one of pearson, spearman")]
    [InlineData("{ key_bits: 512 }", "512", "512 is out of range: expected an integer in [1024, 4096]")]
    public void Bad_correlation_parameters_fail_on_their_line(string parameters, string at, string says) =>
        AssertOnlyError(Correlation(parameters), says, "parameters: " + parameters, at);

    [Fact]
    public void Correlation_parameters_reach_the_options()
    {
        var job = Parse(Correlation("{ method: spearman, host_learns_cross: true, vif: false }"));
        Assert.Equal(
            new CorrelationOptions { Method = CorrelationMethod.Spearman, HostLearnsCross = true, Vif = false },
            OptionsBinder.Bind<CorrelationOptions>(job.Component("corr_0").ParametersFor(9999), FeatureCorrelationSpec.Spec));
        // The arbiter holds no columns and takes no part.
        Assert.Equal([9999, 10000, 10001], job.Component("corr_0").Parties);
    }

    [Fact]
    public void Stability_takes_two_tables_and_a_bin_count_in_range()
    {
        AssertOnlyError(Stability("{ bin_num: 1 }"), "1 is out of range: expected an integer in [2, 1000]", "parameters: { bin_num: 1 }", "1 }");
        var job = Parse(Stability("{ bin_num: 20 }"));
        Assert.Equal(new StabilityOptions { BinNum = 20 }, OptionsBinder.Bind<StabilityOptions>(job.Component("stability_0").ParametersFor(10000), StabilitySpec.Spec));
    }

    [Fact]
    public void Reveal_to_guest_must_name_statistics_and_needs_vertical_mode()
    {
        var unknown = Statistics("{ mode: vertical, reveal_to_guest: [mean, average] }");
        Assert.Contains("\"average\" is not a statistic; expected some of count, missing_count", SingleError(unknown).Message, StringComparison.Ordinal);
        var horizontal = Statistics("{ reveal_to_guest: [mean] }");
        Assert.Contains("applies to mode: vertical only", SingleError(horizontal).Message, StringComparison.Ordinal);

        var job = Parse(Statistics("{ mode: vertical, reveal_to_guest: [mean, std] }"));
        var options = OptionsBinder.Bind<StatisticsOptions>(job.Component("stats_0").ParametersFor(9999), StatisticsSpec.Spec);
        Assert.Equal(StatisticsMode.Vertical, options.Mode);
        Assert.Equal(["mean", "std"], options.RevealToGuest);
    }
}
