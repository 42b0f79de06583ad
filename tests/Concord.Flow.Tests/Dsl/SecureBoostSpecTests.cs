using Concord.Flow.Components;
using Concord.ML.SecureBoost;
using static Concord.Flow.Tests.Dsl.JobYaml;

namespace Concord.Flow.Tests.Dsl;

/// <summary>hetero_secureboost's parameters: out-of-range values fail at submit time with their line; valid ones reach the options.</summary>
public sealed class SecureBoostSpecTests
{
    private static string BoostJob(string parameterLine) => Job($$"""
        {{Reader}}
        - name: boost_0
          type: hetero_secureboost
          inputs: { train_data: reader_0.data }
          parameters:
            {{parameterLine}}
        """);

    [Theory]
    [InlineData("num_trees: 0", "0", "0 is out of range: expected an integer in [1, 1000]")]
    [InlineData("num_trees: 1001", "1001", "1001 is out of range: expected an integer in [1, 1000]")]
    [InlineData("max_depth: 0", "0", "0 is out of range: expected an integer in [1, 16]")]
    [InlineData("max_depth: 17", "17", "17 is out of range: expected an integer in [1, 16]")]
    [InlineData("max_bin: 1", "1", "1 is out of range: expected an integer in [2, 254]")]
    [InlineData("learning_rate: 1.5", "1.5", "1.5 is out of range: expected a number in (0, 1]")]
    [InlineData("subsample: 0", "0", "0 is out of range: expected a number in (0, 1]")]
    [InlineData("key_bits: 768", "768", "768 is out of range: expected an integer in [1024, 4096]")]
    [InlineData("objective: multiclass", "multiclass", "\"multiclass\" is not allowed: expected one of binary, softmax, l2, l1, huber")]
    [InlineData("privacy_mode: secure", "secure", "\"secure\" is not allowed: expected one of none, complete_secure, layered")]
    public void A_parameter_out_of_range_fails_at_submit_time_on_its_line(string line, string at, string expected)
    {
        var error = AssertOnlyError(BoostJob(line), expected, line, at);
        Assert.StartsWith($"boost_0.parameters.{line[..line.IndexOf(':', StringComparison.Ordinal)]}", error.Where, StringComparison.Ordinal);
    }

    [Fact]
    public void The_job_s_parameters_and_the_spec_s_defaults_become_the_training_options()
    {
        var job = Parse(BoostJob("{ objective: softmax, num_classes: 4, privacy_mode: complete_secure, num_trees: 12, lambda: 0.5, key_bits: 1024 }"));
        var options = SecureBoostComponent.Options(job.Component("boost_0").ParametersFor(9999), seed: 42);
        Assert.Equal(
            new SecureBoostOptions
            {
                Objective = BoostObjective.Softmax,
                NumClasses = 4,
                Privacy = PrivacyMode.CompleteSecure,
                NumTrees = 12,
                Lambda = 0.5,
                KeyBits = 1024,
                Seed = 42,
            },
            options);
        Assert.Equal([9999, 10000, 10001], job.Component("boost_0").Parties);
    }
}
