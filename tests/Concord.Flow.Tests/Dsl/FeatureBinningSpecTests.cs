using Concord.Flow.Dsl.Specs.Binding;
using Concord.Flow.Dsl.Specs.Components;
using Concord.ML.FeatureBinning;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>hetero_feature_binning's parameters: bad values fail at submit time with their line; per-role ones reach each party's options.</summary>
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
}
