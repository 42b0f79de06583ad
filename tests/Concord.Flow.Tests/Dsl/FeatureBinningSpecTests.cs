using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.FeatureBinning;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>
/// hetero_feature_binning's parameters: bad values, and settings a party cannot run (optimal at a host, WOE of a
/// multi-class label, transform columns that are not binned), fail at submit time on their line naming the party;
/// per-role ones reach each party's options.
/// </summary>
public sealed class FeatureBinningSpecTests
{
    private static string BinningJob(string parameters, string parties = "{}") => Job($$"""
        {{Reader}}
        - name: binning_0
          type: hetero_feature_binning
          inputs: { data: reader_0.data }
          parameters: {{parameters}}
          parties: {{parties}}
        """);

    [Theory]
    [InlineData("{ bin_num: 1 }", "bin_num: 1", "1", "1 is out of range: expected an integer in [2, 250]")]
    [InlineData("{ bin_num: 251 }", "bin_num: 251", "251", "251 is out of range: expected an integer in [2, 250]")]
    [InlineData("{ key_bits: 512 }", "key_bits: 512", "512", "512 is out of range: expected an integer in [1024, 4096]")]
    [InlineData("{ method: chi }", "method: chi", "chi", "\"chi\" is not allowed: expected one of quantile, bucket, optimal")]
    [InlineData("{ transform_method: onehot }", "transform_method: onehot", "onehot", "\"onehot\" is not allowed: expected one of none, woe, bin_idx")]
    public void A_bad_parameter_fails_at_submit_time_on_its_line(string parameters, string line, string at, string expected)
    {
        var error = AssertOnlyError(BinningJob(parameters), expected, line, at);
        Assert.StartsWith($"binning_0.parameters.{line[..line.IndexOf(':', StringComparison.Ordinal)]}", error.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void Shared_and_per_role_parameters_become_each_partys_options()
    {
        var job = Parse(BinningJob(
            "{ bin_num: 8, multi_class: true, transform_method: bin_idx, key_bits: 2048 }",
            "{ guest: { method: optimal, optimal_init_bins: 50 }, host: { method: bucket, columns: [x0, x3], transform_columns: [x3] } }"));
        var component = job.Component("binning_0");
        Assert.Equal(
            new FeatureBinningOptions { Method = BinningMethod.Optimal, OptimalInitBins = 50, BinNum = 8, MultiClass = true, TransformMethod = TransformMethod.BinIndex, KeyBits = 2048 },
            OptionsBinder.Bind<FeatureBinningOptions>(component.ParametersFor(9999), FeatureBinningSpec.Spec));
        var host = OptionsBinder.Bind<FeatureBinningOptions>(component.ParametersFor(10000), FeatureBinningSpec.Spec);
        Assert.Equal(BinningMethod.Bucket, host.Method);
        Assert.Equal(["x0", "x3"], host.Columns!);
        Assert.Equal(["x3"], host.TransformColumns!);
        Assert.Equal(8, host.BinNum);
    }

    [Fact]
    public void Optimal_binning_asked_of_one_host_is_refused_on_that_partys_line()
    {
        var yaml = BinningJob("{ bin_num: 8 }", "{ guest: { method: bucket }, 10001: { method: optimal } }");

        var error = AssertOnlyError(yaml, "party 10001 (host): method optimal needs the labels, which only the guest holds", "10001: { method: optimal }", "method: optimal");

        Assert.Equal("binning_0.parties.10001.method", error.Where);
    }

    [Fact]
    public void Optimal_binning_shared_by_every_party_is_one_error_naming_each_host_and_not_the_guest()
    {
        var yaml = BinningJob("{ method: optimal }");

        var error = AssertOnlyError(yaml, "party 10000 (host), party 10001 (host): method optimal needs the labels", "parameters: { method: optimal }", "method");

        Assert.Equal("binning_0.parameters.method", error.Where);
        Assert.DoesNotContain("9999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Woe_of_a_multi_class_label_and_transform_columns_outside_the_binned_ones_are_refused_naming_the_parameter()
    {
        var woe = AssertOnlyError(BinningJob("{ multi_class: true, transform_method: woe }"),
            "party 9999 (guest), party 10000 (host), party 10001 (host): transform_method woe needs a binary label", "multi_class: true, transform_method: woe", "transform_method");
        Assert.Equal("binning_0.parameters.transform_method", woe.Where);

        var yaml = BinningJob("{ bin_num: 8 }", "{ host: { columns: [x0, x3], transform_columns: [x3, x7] } }");
        var outside = AssertOnlyError(yaml, "party 10000 (host), party 10001 (host): transform_columns x7 is not among the binned columns (x0, x3)", "host: { columns", "transform_columns");
        Assert.Equal("binning_0.parties.host.transform_columns", outside.Where);
    }
}
